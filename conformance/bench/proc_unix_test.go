//go:build unix

package bench

import (
	"os/exec"
	"syscall"
	"time"
)

// killGroup makes cmd's context end kill gotestsum and the test binary it started alike.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
}
