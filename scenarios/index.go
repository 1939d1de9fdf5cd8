package scenarios

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/envelope-cli/envelope/estimate"
	"go.yaml.in/yaml/v3"
)

// An Entry describes a preset for finding it: its name, title and
// description from its file, and its aliases and tags from index.yaml.
type Entry struct {
	Name        string
	Title       string
	Description string
	Aliases     []string `yaml:"aliases"`
	Tags        []string `yaml:"tags"`
}

// catalog reads index.yaml and every preset's title and description,
// once. The presets are tested data: a fault here is a bug, reported by
// the tests, and leaves the entry with what could be read.
var catalog = sync.OnceValue(func() []Entry {
	index, _ := readIndex()
	var all []Entry
	for _, name := range Names() {
		e := index[name]
		e.Name = name
		if src, err := files.ReadFile(name + ".yaml"); err == nil {
			if s, err := estimate.Parse(FileName(name), src); err == nil {
				e.Title, e.Description = s.Title, s.Description
			}
		}
		all = append(all, e)
	}
	return all
})

// readIndex decodes index.yaml, refusing unknown keys.
func readIndex() (map[string]Entry, error) {
	src, err := files.ReadFile(indexFile)
	if err != nil {
		return nil, err
	}
	var index map[string]Entry
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	dec.KnownFields(true)
	if err := dec.Decode(&index); err != nil {
		return nil, fmt.Errorf("%s: %v", indexFile, err)
	}
	return index, nil
}

// Catalog lists every preset with its title, description, aliases and
// tags, sorted by name.
func Catalog() []Entry { return slices.Clone(catalog()) }

// Resolve returns the preset that name names, directly or as an alias,
// or "" when there is none.
func Resolve(name string) string {
	for _, e := range catalog() {
		if e.Name == name || slices.Contains(e.Aliases, name) {
			return e.Name
		}
	}
	return ""
}

// Search returns the presets whose name, title, alias, tag or
// description contains query, ignoring case: those that match by name or
// alias first, then by title or tag, then by description.
func Search(query string) []string {
	q := strings.ToLower(strings.TrimSpace(query))
	var ranked [3][]string
	for _, e := range catalog() {
		has := func(s string) bool { return strings.Contains(strings.ToLower(s), q) }
		switch {
		case has(e.Name) || slices.ContainsFunc(e.Aliases, has):
			ranked[0] = append(ranked[0], e.Name)
		case has(e.Title) || slices.ContainsFunc(e.Tags, has):
			ranked[1] = append(ranked[1], e.Name)
		case has(e.Description):
			ranked[2] = append(ranked[2], e.Name)
		}
	}
	return slices.Concat(ranked[0], ranked[1], ranked[2])
}

// CheckIndex reports what is wrong with index.yaml: a decoding error, or
// an entry for a preset that does not exist.
func CheckIndex() error {
	index, err := readIndex()
	if err != nil {
		return err
	}
	for name := range index {
		if !slices.Contains(Names(), name) {
			return fmt.Errorf("%s: no preset named %q", indexFile, name)
		}
	}
	return nil
}
