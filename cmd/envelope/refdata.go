package main

import (
	"bytes"
	"embed"
	"fmt"
	"maps"
	"slices"
	"sync"

	"go.yaml.in/yaml/v3"
)

// refData holds the data behind envelope ref: figures with their sources,
// and the lists the computed tables are made from. Values are quantity
// literals that the engine reads, so they display as any other quantity.
//
//go:embed refdata/*.yaml
var refData embed.FS

// A latencySource is one publication of latency numbers.
type latencySource struct {
	Key    string `yaml:"key" json:"key"`
	Label  string `yaml:"label" json:"label"` // column heading: author and year
	Author string `yaml:"author" json:"author"`
	Title  string `yaml:"title" json:"title"`
	Year   int    `yaml:"year" json:"year"` // the year its figures are for
	URL    string `yaml:"url" json:"url"`
	Repo   string `yaml:"repo,omitempty" json:"repo,omitempty"`
	Note   string `yaml:"note,omitempty" json:"note,omitempty"`
}

type latencyFile struct {
	Title      string          `yaml:"title"`
	Sources    []latencySource `yaml:"sources"`
	Operations []struct {
		Name    string            `yaml:"name"`
		Latency map[string]string `yaml:"latency"` // by source key
	} `yaml:"operations"`
}

// A namedPower is a power of two or ten with its names.
type namedPower struct {
	Power  string `yaml:"power"`  // an expression, such as 2^10
	Name   string `yaml:"name"`   // thousand, million, …
	Prefix string `yaml:"prefix"` // kilo, kibi, …
	Symbol string `yaml:"symbol"` // k, Ki, …
}

type powersFile struct {
	Title string       `yaml:"title"`
	Two   []namedPower `yaml:"two"`
	Ten   []namedPower `yaml:"ten"`
	Notes []string     `yaml:"notes"`
}

type timeFile struct {
	Title string   `yaml:"title"`
	Units []string `yaml:"units"`
	Daily []string `yaml:"daily"`
}

type availabilityFile struct {
	Title   string `yaml:"title"`
	Targets []struct {
		Target string `yaml:"target"`
		Nines  string `yaml:"nines"`
	} `yaml:"targets"`
}

// The data files, each read once, when first needed.
var (
	latencyData = sync.OnceValues(func() (*latencyFile, error) {
		l, err := loadRefData[latencyFile]("latency.yaml")
		if err != nil {
			return nil, err
		}
		return l, l.check("refdata/latency.yaml")
	})
	powersData       = sync.OnceValues(func() (*powersFile, error) { return loadRefData[powersFile]("powers.yaml") })
	timeData         = sync.OnceValues(func() (*timeFile, error) { return loadRefData[timeFile]("time.yaml") })
	availabilityData = sync.OnceValues(func() (*availabilityFile, error) { return loadRefData[availabilityFile]("availability.yaml") })
)

// loadRefData decodes one embedded data file, refusing fields it does not
// know, so that a misspelt key is an error and not a silent omission.
func loadRefData[T any](name string) (*T, error) {
	path := "refdata/" + name
	src, err := refData.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var v T
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &v, nil
}

// check makes sure every figure names a source of the file.
func (l *latencyFile) check(path string) error {
	for _, op := range l.Operations {
		for _, key := range slices.Sorted(maps.Keys(op.Latency)) {
			if !slices.ContainsFunc(l.Sources, func(s latencySource) bool { return s.Key == key }) {
				return fmt.Errorf("%s: %s: unknown source %q", path, op.Name, key)
			}
		}
	}
	return nil
}
