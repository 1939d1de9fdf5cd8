package estimate

import (
	"math"
	"testing"
)

func TestQuantityArithmetic(t *testing.T) {
	kb := Quantity{1000, Bytes}
	sec := Quantity{1, Seconds}
	for _, tc := range []struct {
		name string
		op   func(a, b Quantity) (Quantity, error)
		a, b Quantity
		want Quantity
		err  string
	}{
		{"add", Add, kb, kb, Quantity{2000, Bytes}, ""},
		{"add mismatch", Add, kb, sec, Quantity{}, "cannot add B and s"},
		{"sub", Sub, Number(1), Number(0.25), Number(0.75), ""},
		{"sub mismatch", Sub, kb, sec, Quantity{}, "cannot subtract B and s"},
		{"mul", Mul, kb, Quantity{2, Rate}, Quantity{2000, ByteRate}, ""},
		{"mul overflow", Mul, Number(math.MaxFloat64), Number(2), Quantity{}, "the product is not a finite number"},
		{"div", Div, kb, sec, Quantity{1000, ByteRate}, ""},
		{"div plain", Div, Quantity{86400, Seconds}, Quantity{86400, Seconds}, Number(1), ""},
		{"div zero", Div, kb, Quantity{0, Seconds}, Quantity{}, "division by zero"},
		{"add overflow", Add, Number(math.MaxFloat64), Number(math.MaxFloat64), Quantity{}, "the sum is not a finite number"},
	} {
		got, err := tc.op(tc.a, tc.b)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case got != tc.want:
			t.Errorf("%s: got %v %v, want %v %v", tc.name, got.Value, got.Dim, tc.want.Value, tc.want.Dim)
		}
	}
}

// TestComposeAvailability composes targets written as expressions, as
// envelope availability --serial and --parallel do, and checks the exact
// results: each target is read whole before it is composed, so "1 - 0.1%"
// is 0.999 however it is written.
func TestComposeAvailability(t *testing.T) {
	serial := func(qs []Quantity) (Quantity, error) {
		p := Number(1)
		for _, q := range qs {
			var err error
			if p, err = Mul(p, q); err != nil {
				return Quantity{}, err
			}
		}
		return p, nil
	}
	parallel := func(qs []Quantity) (Quantity, error) {
		down := Number(1)
		for _, q := range qs {
			d, err := Sub(Number(1), q)
			if err != nil {
				return Quantity{}, err
			}
			if down, err = Mul(down, d); err != nil {
				return Quantity{}, err
			}
		}
		return Sub(Number(1), down)
	}
	for _, tc := range []struct {
		compose string
		targets []string
		want    float64
	}{
		{"serial", []string{"1 - 0.1%", "99.9%"}, 0.998001},
		{"serial", []string{"99.9%", "99.95%"}, 0.99850050},
		{"serial", []string{"90%", "0.5 + 0.4", "1 - 10%"}, 0.729},
		{"parallel", []string{"0.95 - 0.05", "0.9"}, 0.99},
		{"parallel", []string{"90%", "90%"}, 0.99},
		{"parallel", []string{"0.999", "1 - 0.001"}, 0.999999},
	} {
		var qs []Quantity
		for _, text := range tc.targets {
			q, err := ParseQuantity(text, Dimensionless, Exact)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			qs = append(qs, q)
		}
		f := serial
		if tc.compose == "parallel" {
			f = parallel
		}
		got, err := f(qs)
		if err != nil {
			t.Errorf("%s %q: %v", tc.compose, tc.targets, err)
			continue
		}
		// Exact to within the rounding of the last bit or two of a
		// float64, far below any digit shown.
		if math.Abs(got.Value-tc.want) > 4e-16 || got.Dim != Dimensionless {
			t.Errorf("%s %q = %.17g %v, want %.17g", tc.compose, tc.targets, got.Value, got.Dim, tc.want)
		}
	}
}
