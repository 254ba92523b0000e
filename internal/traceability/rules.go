// Package traceability maps the rules of the contract (CONTRACT.md) to the scenarios that
// exercise them: docs/traceability.yaml is kept by hand, docs/traceability.md is rendered from it.
package traceability

import (
	"bufio"
	"strings"
	"unicode"
)

// Sentence is one rule of the contract: a sentence, or a semicolon-separated clause of one, of a
// bulleted item or a prose paragraph under a `##` section.
type Sentence struct {
	Section string // the section heading, without the ##
	Text    string // whitespace-normalised
}

// Sentences splits a contract document into its rule sentences. The preamble before the first
// section, tables, and label lines (a line that does not end a sentence, such as
// "Errors (`spec` for shape)") hold no rules.
func Sentences(doc string) []Sentence {
	var out []Sentence
	section := ""
	var block []string
	flush := func() {
		text := strings.Join(strings.Fields(strings.Join(block, " ")), " ")
		block = nil
		if section == "" || text == "" {
			return
		}
		if !strings.HasPrefix(text, "- ") && !strings.HasSuffix(text, ".") {
			return // a label line above a list
		}
		for _, s := range splitSentences(strings.TrimPrefix(text, "- ")) {
			out = append(out, Sentence{Section: section, Text: s})
		}
	}
	sc := bufio.NewScanner(strings.NewReader(doc))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "#"):
			flush()
			if h, ok := strings.CutPrefix(line, "## "); ok {
				section = strings.TrimSpace(h)
			} else if strings.HasPrefix(line, "# ") {
				section = ""
			}
		case trimmed == "" || strings.HasPrefix(trimmed, "|"):
			flush()
		case strings.HasPrefix(line, "- "):
			flush()
			block = append(block, line)
		case len(block) > 0 && !strings.HasPrefix(block[0], "- ") && !strings.HasPrefix(line, " "):
			block = append(block, line) // a prose paragraph goes on
		default:
			block = append(block, line) // a continuation of the item or paragraph
		}
	}
	flush()
	return out
}

// splitSentences cuts text into rules: after each full stop that ends a sentence (outside code
// spans and parentheses, followed by a space and a capital letter, a code span, a parenthesis or
// bold; "e.g." does not end one), and after each top-level semicolon, which the contract uses to
// list several rules in one sentence.
func splitSentences(text string) []string {
	var out []string
	r := []rune(text)
	start, depth, code := 0, 0, false
	for i := 0; i < len(r); i++ {
		switch r[i] {
		case '`':
			code = !code
			continue
		case '(':
			if !code {
				depth++
			}
			continue
		case ')':
			if !code && depth > 0 {
				depth--
			}
			if code || depth > 0 || i == 0 || r[i-1] != '.' {
				continue
			}
		case ';':
			// A semicolon at the top level separates rules of one sentence (a; b; c).
			if !code && depth == 0 && i+1 < len(r) && r[i+1] == ' ' {
				out = append(out, strings.TrimSpace(string(r[start:i+1])))
				start = i + 2
			}
			continue
		case '.':
			if code || depth > 0 || abbreviation(r[start:i]) {
				continue
			}
		default:
			continue
		}
		if i+2 < len(r) && r[i+1] == ' ' && startsSentence(r[i+2]) {
			out = append(out, strings.TrimSpace(string(r[start:i+1])))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(string(r[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

func startsSentence(c rune) bool {
	return unicode.IsUpper(c) || c == '`' || c == '(' || c == '*'
}

// abbreviation reports whether the text before a full stop ends in one ("e.g", "i.e").
func abbreviation(before []rune) bool {
	s := strings.ToLower(string(before))
	return strings.HasSuffix(s, "e.g") || strings.HasSuffix(s, "i.e") || strings.HasSuffix(s, " etc")
}
