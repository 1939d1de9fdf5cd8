package svgtest

import (
	"slices"
	"testing"
)

func TestTexts(t *testing.T) {
	tests := []struct {
		svg     string
		want    []string
		wantErr bool
	}{
		{`<svg><text> a </text><g><text>b</text></g><rect/>c</svg>`, []string{"a", "b"}, false},
		{`<svg><text>a</text>`, nil, true},
	}
	for _, tt := range tests {
		got, err := Texts([]byte(tt.svg))
		if (err != nil) != tt.wantErr || !slices.Equal(got, tt.want) {
			t.Errorf("Texts(%q) = %q, %v; want %q, error %v", tt.svg, got, err, tt.want, tt.wantErr)
		}
	}
}
