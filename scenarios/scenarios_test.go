package scenarios_test

import (
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
)

// Every classic problem the issue names must ship, with these names.
var required = strings.Fields(`url-shortener pastebin twitter news-feed chat video-streaming
	photo-sharing web-crawler search-autocomplete file-sync ride-sharing ad-click-aggregation
	object-storage metrics-monitoring leaderboard payment-system rate-limiter
	notification-service web-service`)

// TestPresets evaluates every preset: it must parse, compile, evaluate,
// meet every expectation, and be documented throughout.
func TestPresets(t *testing.T) {
	names := scenarios.Names()
	if len(names) < 20 {
		t.Errorf("%d presets, want at least 20", len(names))
	}
	for _, want := range required {
		if _, err := scenarios.Source(want); err != nil {
			t.Errorf("missing preset %s", want)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			m, err := scenarios.Load(name, estimate.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := m.Scenario()
			if s.Name != name {
				t.Errorf("name %q in %s.yaml", s.Name, name)
			}
			if s.Title == "" || s.Description == "" || len(s.Sources) == 0 {
				t.Errorf("want title, description and sources")
			}
			for _, in := range s.Inputs {
				if in.Description == "" {
					t.Errorf("input %s has no description", in.Name)
				}
			}
			for _, out := range s.Outputs {
				if out.Description == "" {
					t.Errorf("output %s has no description", out.Name)
				}
			}
			r, err := m.Evaluate()
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Expect()) == 0 {
				t.Errorf("no expectations")
			}
			for _, e := range r.Failed() {
				t.Errorf("expectation %s: got %v, want %s ± %g%%", e.Name, e.Actual, e.Text, e.Tolerance*100)
			}
		})
	}
}

// TestTwitter pins the published figures of the twitter preset's source:
// QPS, peak QPS, media storage per day and over five years.
func TestTwitter(t *testing.T) {
	presetOutputs(t, "twitter", map[string]string{
		"tweet_qps_avg":          "3.472K/s",
		"tweet_qps_peak":         "6.944K/s",
		"media_storage_per_day":  "30 TB",
		"media_storage_retained": "54.75 PB",
	})
}

func TestUnknownPresetSuggests(t *testing.T) {
	_, err := scenarios.Source("url-shortner")
	if err == nil || !strings.Contains(err.Error(), `did you mean url-shortener?`) {
		t.Errorf("got %v", err)
	}
	if _, err := scenarios.Source("../go"); err == nil {
		t.Error("a path escaped the presets")
	}
}

// TestIndex: every preset has an entry in index.yaml with tags, the index
// names no preset that does not exist, and an alias is never a preset's
// name or another preset's alias.
func TestIndex(t *testing.T) {
	names := scenarios.Names()
	seen := map[string]string{}
	for _, n := range names {
		seen[n] = n
	}
	indexed := 0
	for _, e := range scenarios.Catalog() {
		if len(e.Tags) == 0 || len(e.Aliases) == 0 {
			t.Errorf("%s: no aliases or tags in index.yaml", e.Name)
		} else {
			indexed++
		}
		for _, a := range e.Aliases {
			if other, dup := seen[a]; dup {
				t.Errorf("alias %s of %s is also %s", a, e.Name, other)
			}
			seen[a] = e.Name
		}
		if e.Title == "" {
			t.Errorf("%s: no title read", e.Name)
		}
	}
	if indexed != len(names) {
		t.Errorf("%d of %d presets indexed", indexed, len(names))
	}
	if err := scenarios.CheckIndex(); err != nil {
		t.Error(err)
	}
}

func TestAliases(t *testing.T) {
	for alias, want := range map[string]string{
		"instagram": "photo-sharing", "youtube": "video-streaming", "netflix": "video-streaming",
		"whatsapp": "chat", "bitly": "url-shortener", "google-drive": "file-sync",
		"url-shortener": "url-shortener", "nope": "",
	} {
		if got := scenarios.Resolve(alias); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", alias, got, want)
		}
	}
	if _, err := scenarios.Source("instagram"); err != nil {
		t.Error(err)
	}
}

func TestSearch(t *testing.T) {
	for _, tc := range []struct {
		query string
		first string
	}{
		{"instagram", "photo-sharing"}, // an alias, and the title
		{"Instagram", "photo-sharing"},
		{"bitly", "url-shortener"},
		{"uber", "ride-sharing"},
		{"video", "video-streaming"},
	} {
		got := scenarios.Search(tc.query)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("Search(%q) = %v, want %s first", tc.query, got, tc.first)
		}
	}
	if got := scenarios.Search("zzzz"); len(got) != 0 {
		t.Errorf("Search(zzzz) = %v", got)
	}
	// Descriptions are searched too; matches by name come first.
	all := scenarios.Search("storage")
	if len(all) < 3 {
		t.Errorf("Search(storage) = %v, want several", all)
	}
}

func TestClosestByAliasAndTitle(t *testing.T) {
	for name, want := range map[string]string{
		"instgram":     "photo-sharing", // an alias, misspelt
		"whatsap":      "chat",
		"google-drive": "file-sync",
		"Drive-style":  "file-sync", // the title
	} {
		got := scenarios.Closest(name, 3)
		if len(got) == 0 || got[0] != want {
			t.Errorf("Closest(%q) = %v, want %s first", name, got, want)
		}
	}
}

// TestPhotoSharingReads: photo-sharing answers what a reader asks first
// of a read-heavy design: read QPS, bandwidth and servers.
func TestPhotoSharingReads(t *testing.T) {
	presetOutputs(t, "photo-sharing", map[string]string{
		"photo_read_qps_avg":   "2.315K/s",
		"photo_read_qps_peak":  "4.63K/s",
		"upload_bandwidth_avg": "4.63 MB/s (37.04 Mbit/s)", // the source's 400 GB a day
		"read_bandwidth_avg":   "463 MB/s (3.704 Gbit/s)",
		"read_servers":         "5",
	})
}

// presetOutputs checks a preset's outputs as the CLI shows them.
func presetOutputs(t *testing.T, preset string, want map[string]string) {
	t.Helper()
	m, err := scenarios.Load(preset, estimate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range want {
		v, ok := r.Output(name)
		if !ok {
			t.Errorf("no output %s", name)
			continue
		}
		if got := v.Format(r.DisplayOptions(false)); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
}
