//go:build js && wasm

// Command wasm is the engine for the web page, built with GOOS=js
// GOARCH=wasm ("make wasm"). It sets globalThis.envelope to a small API
// over web/sheet; every call takes strings and numbers and returns a
// JSON string, which the page parses:
//
//	presets()              [{name, title, description, aliases, tags}], sorted by name
//	search(query)          [name], best match first (scenarios.Search)
//	preset(name)           {file, source} of a preset, by name or alias
//	load(file, source)     {view} or {errors}: errors placed in the YAML
//	set(name, text)        {view} or {errors}: a bad value's error has path = name
//	slide(name, value)     {text, view}: value in base units, from a slider
//	explain(name)          {text} or {errors}
//	markdown()             {text}: what "envelope run -o markdown" prints
//	yaml()                 {text}: the scenario with the edited values
//	overrides()            {overrides: ["name=value", ...]}, for a share link
//	pack(text), unpack(s)  {text}: a scenario in a URL fragment and back
//	samples(n)             {view}: sample ranges n times (0: sheet.PageSamples)
//	sensitivity(name)      {influences}: the inputs that drive an output, largest first
//	sweep(name, steps)     {sweep}: the headline outputs over an input's slider span
//
// A view is sheet.View, whose uncertain values carry a distribution
// (median, 90% interval, histogram); an influence is sheet.InfluenceView;
// a sweep is sheet.SweepView. An error is estimate.ErrorData {kind, file,
// line, column, end_column, path, message}.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/envelope-cli/envelope/web/sheet"
)

// sheet is the scenario the page shows; nil until load succeeds.
var current *sheet.Sheet

type reply struct {
	View       *sheet.View            `json:"view,omitempty"`
	Text       *string                `json:"text,omitempty"`
	Overrides  []string               `json:"overrides,omitempty"`
	Influences *[]sheet.InfluenceView `json:"influences,omitempty"` // [] when none

	Sweep  *sheet.SweepView     `json:"sweep,omitempty"`
	Errors []estimate.ErrorData `json:"errors,omitempty"`
}

func text(s string) reply { return reply{Text: &s} }

func failed(err error) reply { return reply{Errors: sheet.Errors(err)} }

func viewOf(s *sheet.Sheet) reply {
	v := s.View()
	return reply{View: &v}
}

var noSheet = reply{Errors: []estimate.ErrorData{{Kind: "value", Message: "no scenario is loaded"}}}

// api is every call, by name. Each takes its arguments as JS values.
var api = map[string]func(args []js.Value) any{
	"presets": func([]js.Value) any {
		type preset struct {
			Name        string   `json:"name"`
			Title       string   `json:"title"`
			Description string   `json:"description,omitempty"`
			Aliases     []string `json:"aliases,omitempty"`
			Tags        []string `json:"tags,omitempty"`
		}
		var all []preset
		for _, e := range scenarios.Catalog() {
			all = append(all, preset{e.Name, e.Title, e.Description, e.Aliases, e.Tags})
		}
		return all
	},
	"search": func(a []js.Value) any { return append([]string{}, scenarios.Search(str(a, 0))...) },
	"preset": func(a []js.Value) any {
		src, err := scenarios.Source(str(a, 0))
		if err != nil {
			return reply{Errors: []estimate.ErrorData{{Kind: "name", Message: err.Error()}}}
		}
		return map[string]string{"file": scenarios.FileName(scenarios.Resolve(str(a, 0))), "source": string(src)}
	},
	"load": func(a []js.Value) any {
		s, err := sheet.Load(str(a, 0), []byte(str(a, 1)))
		if err != nil {
			return failed(err)
		}
		current = s
		return viewOf(s)
	},
	"set": withSheet(func(s *sheet.Sheet, a []js.Value) reply {
		if err := s.Set(str(a, 0), str(a, 1)); err != nil {
			return failed(err)
		}
		return viewOf(s)
	}),
	"slide": withSheet(func(s *sheet.Sheet, a []js.Value) reply {
		t, err := s.Slide(str(a, 0), num(a, 1))
		if err != nil {
			return failed(err)
		}
		r := viewOf(s)
		r.Text = &t
		return r
	}),
	"explain": withSheet(func(s *sheet.Sheet, a []js.Value) reply {
		e, err := s.Explain(str(a, 0))
		if err != nil {
			return failed(err)
		}
		return text(e)
	}),
	"markdown": withSheet(func(s *sheet.Sheet, _ []js.Value) reply {
		md, err := s.Markdown()
		if err != nil {
			return failed(err)
		}
		return text(md)
	}),
	"yaml": withSheet(func(s *sheet.Sheet, _ []js.Value) reply {
		b, err := s.YAML()
		if err != nil {
			return failed(err)
		}
		return text(string(b))
	}),
	"overrides": withSheet(func(s *sheet.Sheet, _ []js.Value) reply {
		return reply{Overrides: append([]string{}, s.Overrides()...)}
	}),
	"samples": withSheet(func(s *sheet.Sheet, a []js.Value) reply {
		s.SetSamples(int(num(a, 0)))
		return viewOf(s)
	}),
	"sensitivity": withSheet(func(s *sheet.Sheet, a []js.Value) reply {
		inf, err := s.Sensitivity(str(a, 0))
		if err != nil {
			return failed(err)
		}
		return reply{Influences: &inf}
	}),
	"sweep": withSheet(func(s *sheet.Sheet, a []js.Value) reply {
		sw, err := s.Sweep(str(a, 0), int(num(a, 1)))
		if err != nil {
			return failed(err)
		}
		return reply{Sweep: sw}
	}),
	"pack": func(a []js.Value) any { return text(sheet.Pack([]byte(str(a, 0)))) },
	"unpack": func(a []js.Value) any {
		b, err := sheet.Unpack(str(a, 0))
		if err != nil {
			return failed(err)
		}
		return text(string(b))
	},
}

func withSheet(f func(*sheet.Sheet, []js.Value) reply) func([]js.Value) any {
	return func(a []js.Value) any {
		if current == nil {
			return noSheet
		}
		return f(current, a)
	}
}

func str(a []js.Value, i int) string {
	if i >= len(a) || a[i].Type() != js.TypeString {
		return ""
	}
	return a[i].String()
}

func num(a []js.Value, i int) float64 {
	if i >= len(a) || a[i].Type() != js.TypeNumber {
		return 0
	}
	return a[i].Float()
}

func main() {
	obj := js.Global().Get("Object").New()
	for name, f := range api {
		obj.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
			defer func() {
				// A bug must not stop the engine: the page shows it as an error.
				if p := recover(); p != nil {
					result = mustJSON(reply{Errors: []estimate.ErrorData{{Kind: "internal",
						Message: fmt.Sprintf("internal error in %s: %v (please report this)", name, p)}}})
				}
			}()
			return mustJSON(f(args))
		}))
	}
	js.Global().Set("envelope", obj)
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("envelope-ready"))
	select {} // serve calls until the page goes
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(reply{Errors: []estimate.ErrorData{{Kind: "internal", Message: err.Error()}}})
	}
	return string(b)
}
