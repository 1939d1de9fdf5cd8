package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
)

// A target is a scenario to evaluate: a preset, a file or standard input.
type target struct {
	arg    string // as given on the command line
	file   string // the name errors and reports give it
	src    []byte
	preset string // the preset's name, when it is one
}

// stdinName is the name errors give a scenario read from standard input.
const stdinName = "<stdin>"

// isStdin reports whether arg names standard input: "-", or /dev/stdin,
// which may be a pipe or a terminal and so is not refused as other
// files that are not regular are.
func isStdin(arg string) bool { return arg == "-" || arg == "/dev/stdin" }

// resolveTarget reads a scenario from standard input ("-"), a preset by
// name or alias, or a file by path. A path that exists wins over a preset
// of the same name; an argument that looks like a path is never taken for
// a preset.
func resolveTarget(arg string, stdin io.Reader) (target, error) {
	if isStdin(arg) {
		src, err := estimate.ReadSource(stdinName, stdin)
		return target{arg: arg, file: stdinName, src: src}, err
	}
	if _, err := os.Lstat(arg); err == nil || looksLikePath(arg) {
		src, err := readScenario(arg)
		return target{arg: arg, file: arg, src: src}, err
	}
	src, err := scenarios.Source(arg)
	if err != nil {
		return target{}, err
	}
	name := scenarios.Resolve(arg)
	return target{arg: arg, file: scenarios.FileName(name), src: src, preset: name}, nil
}

func looksLikePath(arg string) bool {
	return strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")
}

// readScenario reads a scenario file, saying plainly what is wrong with
// a path that is missing, a directory, not a regular file or unreadable.
// A FIFO, a device or a socket is refused before it is opened, so that a
// pipe with no writer cannot block envelope; openRegular refuses one put
// in the file's place meanwhile.
func readScenario(path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file", path)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", path, errors.Unwrap(err))
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a scenario file", path)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: not a regular file (use - to read standard input)", path)
	}
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Reads at most estimate.MaxFileSize bytes: a huge file is refused
	// without being read whole.
	return estimate.ReadSource(path, f)
}

// openRegular opens path for reading without blocking, and refuses it
// unless it is a regular file.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %v", path, errors.Unwrap(err))
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file (use - to read standard input)", path)
	}
	return f, nil
}
