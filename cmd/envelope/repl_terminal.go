package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/peterh/liner"
)

// The terminal side of repl: line editing, history and completion come
// from github.com/peterh/liner, a small pure-Go line editor (no cgo, no
// dependencies beyond golang.org/x/sys and go-runewidth, which envelope
// has already) with emacs keys, Ctrl-R search, a history it reads and
// writes as plain lines, and completion of the word under the cursor.

// replPrompt is what repl prints before each line on a terminal.
const replPrompt = "> "

// interactive runs the repl on the terminal until :quit or Ctrl-D. Its
// exit status is 0 whatever lines failed: each failure was shown as it
// happened.
func (r *repl) interactive() error {
	ln := liner.NewLiner()
	defer ln.Close() // restores the terminal, after a panic too
	ln.SetCtrlCAborts(true)
	ln.SetTabCompletionStyle(liner.TabPrints)
	ln.SetWordCompleter(func(line string, pos int) (string, []string, string) {
		return r.complete(line, pos)
	})
	hist := historyFile()
	if hist != "" {
		if f, err := os.Open(hist); err == nil {
			ln.ReadHistory(f)
			f.Close()
		}
	}
	fmt.Fprintf(r.out, "envelope repl, conventions %s. :help lists the commands; Ctrl-D leaves.\n", r.s.Conventions().Profile)
	for !r.quit {
		line, err := ln.Prompt(replPrompt)
		switch {
		case errors.Is(err, liner.ErrPromptAborted):
			continue // Ctrl-C drops the line, as in a shell
		case errors.Is(err, io.EOF):
			fmt.Fprintln(r.out)
			r.quit = true
			continue
		case err != nil:
			return fail(err)
		}
		if strings.TrimSpace(line) != "" {
			ln.AppendHistory(line)
			// Saved at once, so that closing the terminal loses nothing.
			r.saveHistory(ln, hist)
		}
		r.run(line)
	}
	return nil
}

// historyFile is where repl keeps its history: envelope/history in the
// user's configuration directory ($XDG_CONFIG_HOME or ~/.config on
// Linux), or "" when there is none.
func historyFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "envelope", "history")
}

// saveHistory writes the history, readable by its owner only, and warns
// once when it cannot: losing it is no reason to fail.
func (r *repl) saveHistory(ln *liner.State, path string) {
	if path == "" || r.historyFailed {
		return
	}
	var b bytes.Buffer
	ln.WriteHistory(&b)
	err := os.MkdirAll(filepath.Dir(path), 0o700)
	if err == nil {
		err = writeFileAtomic(path, b.Bytes(), 0o600)
	}
	if err != nil {
		r.historyFailed = true
		printError(r.err, fmt.Errorf("warning: history not saved: %w", err))
	}
}

// complete offers the words that may end the word before the cursor:
// the session's names, functions and units in an expression, commands
// after ':', profiles after :conventions, and presets and files after
// :load. pos counts runes, as liner gives it.
func (r *repl) complete(line string, pos int) (head string, words []string, tail string) {
	rs := []rune(line)
	pos = min(max(pos, 0), len(rs))
	before, tail := string(rs[:pos]), string(rs[pos:])
	trimmed := strings.TrimLeftFunc(before, unicode.IsSpace)
	if strings.HasPrefix(trimmed, ":") {
		lead := before[:len(before)-len(trimmed)]
		cmd, arg, spaced := strings.Cut(trimmed, " ")
		if !spaced {
			for _, c := range replCommands() {
				if w := ":" + c.name; strings.HasPrefix(w, cmd) {
					words = append(words, w)
				}
			}
			return lead, words, tail
		}
		head = before[:len(before)-len(arg)]
		switch cmd {
		case ":conventions":
			for _, p := range estimate.ProfileNames {
				if strings.HasPrefix(p, arg) {
					words = append(words, p)
				}
			}
		case ":load":
			words = append(presetWords(arg), fileWords(arg)...)
		}
		return head, words, tail
	}
	start := len(before)
	for start > 0 {
		c, size := lastRune(before[:start])
		if c != '_' && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			break
		}
		start -= size
	}
	// A number before a unit is no part of it: 10G completes G.
	for start < len(before) && before[start] >= '0' && before[start] <= '9' {
		start++
	}
	prefix := before[start:]
	if prefix == "" {
		return before, nil, tail
	}
	seen := map[string]bool{}
	add := func(w string) {
		if strings.HasPrefix(w, prefix) && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, n := range r.s.Names() {
		add(n)
	}
	for _, f := range estimate.FunctionNames() {
		add(f)
	}
	for _, u := range estimate.UnitNames() {
		if isWord(u) {
			add(u)
		}
	}
	return before[:start], words, tail
}

func lastRune(s string) (rune, int) {
	rs := []rune(s)
	c := rs[len(rs)-1]
	return c, len(string(c))
}

// isWord reports whether a unit's name is a word that completion can
// extend: letters, digits and '_', not "$" or "%".
func isWord(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(c rune) bool {
		return c != '_' && !unicode.IsLetter(c) && !unicode.IsDigit(c)
	})
}

// fileWords are the scenario files and directories whose paths start
// with prefix, directories with a slash after them.
func fileWords(prefix string) []string {
	matches, _ := filepath.Glob(globEscape(prefix) + "*")
	var words []string
	for _, m := range matches {
		info, err := os.Stat(m)
		switch {
		case err != nil:
		case info.IsDir():
			words = append(words, m+string(filepath.Separator))
		case strings.HasSuffix(m, ".yaml") || strings.HasSuffix(m, ".yml"):
			words = append(words, m)
		}
	}
	slices.Sort(words)
	return words
}

// globEscape quotes the characters that filepath.Glob would read as a
// pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[\`, c) {
			b.WriteRune('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
