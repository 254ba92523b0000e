//go:build !unix

package bench

import (
	"os/exec"
	"time"
)

// killGroup: without process groups, the context kills gotestsum only; WaitDelay bounds the wait.
func killGroup(cmd *exec.Cmd) { cmd.WaitDelay = 5 * time.Second }
