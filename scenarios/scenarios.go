// Package scenarios holds envelope's presets: scenario files for classic
// design problems, each reproducing its published source, embedded in the
// binary.
package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/envelope-cli/envelope/estimate"
)

//go:embed *.yaml
var files embed.FS

// indexFile is the file of aliases and tags, not a preset.
const indexFile = "index.yaml"

// Names lists the presets, sorted.
var Names = sync.OnceValue(func() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && e.Name() != indexFile {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
})

// Source returns a preset's file exactly as shipped. name may be one of
// the preset's aliases.
func Source(name string) ([]byte, error) {
	preset := Resolve(name)
	if preset == "" || !slices.Contains(Names(), preset) {
		return nil, &UnknownError{Name: name}
	}
	src, err := files.ReadFile(preset + ".yaml")
	if err != nil {
		return nil, &UnknownError{Name: name}
	}
	return src, nil
}

// Load parses and compiles a preset.
func Load(name string, opt estimate.Options) (*estimate.Model, error) {
	src, err := Source(name)
	if err != nil {
		return nil, err
	}
	return estimate.Load(FileName(name), src, opt)
}

// FileName is the name a preset's errors and reports give its file.
func FileName(name string) string { return name + ".yaml" }

// An UnknownError says that no preset has the name asked for, and which
// names come closest.
type UnknownError struct {
	Name string
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("no preset or file named %q", e.Name)
	if close := Closest(e.Name, 3); len(close) > 0 {
		msg += "; did you mean " + strings.Join(close, ", ") + "?"
	}
	return msg + " (envelope list shows the presets)"
}

// Closest returns up to n preset names that best match name: those whose
// name, alias or title contains it (or it them), then those whose name or
// alias is a few edits away.
func Closest(name string, n int) []string {
	type scored struct {
		name  string
		score int
	}
	q := strings.ToLower(name)
	var all []scored
	for _, e := range catalog() {
		best := -1
		for _, word := range append([]string{e.Name}, e.Aliases...) {
			s := estimate.EditDistance(q, word)
			if strings.Contains(word, q) || strings.Contains(q, word) {
				s = 0
			}
			if s <= max(2, len(q)/3) && (best < 0 || s < best) {
				best = s
			}
		}
		if best < 0 && len(q) >= 3 && strings.Contains(strings.ToLower(e.Title), q) {
			best = 1
		}
		if best >= 0 {
			all = append(all, scored{e.Name, best})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score < all[j].score })
	var out []string
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.name)
	}
	return out
}
