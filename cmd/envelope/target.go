package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
)

// A target is a scenario to evaluate: a preset or a file.
type target struct {
	arg  string // as given on the command line
	file string // the name errors and reports give it
	src  []byte
}

// resolveTarget reads a preset by name or a scenario file by path. A path
// that exists wins over a preset of the same name; an argument that looks
// like a path is never taken for a preset.
func resolveTarget(arg string) (target, error) {
	if _, err := os.Stat(arg); err == nil || looksLikePath(arg) {
		src, err := readScenario(arg)
		return target{arg: arg, file: arg, src: src}, err
	}
	src, err := scenarios.Source(arg)
	if err != nil {
		return target{}, err
	}
	return target{arg: arg, file: scenarios.FileName(scenarios.Resolve(arg)), src: src}, nil
}

func looksLikePath(arg string) bool {
	return strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")
}

// readScenario reads a scenario file, saying plainly what is wrong with
// a path that is missing, a directory or unreadable.
func readScenario(path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file", path)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", path, errors.Unwrap(err))
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a scenario file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	// Reads at most estimate.MaxFileSize bytes: a huge file is refused
	// without being read whole.
	return estimate.ReadSource(path, f)
}
