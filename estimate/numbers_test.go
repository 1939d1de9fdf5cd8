package estimate

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// TestNonFinite: every non-finite result is an error naming the value and
// its formula, wherever a number is computed.
func TestNonFinite(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"1/0", "1:2: division by zero"},
		{"0/0", "1:2: division by zero"},
		{"2**1024", "1:2: overflow: result is too large for a float64"},
		{"-1e308 * 10", "1:8: overflow: result is too large for a float64"},
		{"sqrt(-1)", "1:1: square root of a negative number"},
		{"log2(0)", "1:1: log2 of zero"},
		{"log10(-1)", "1:1: log10 of a negative number"},
		{"1e400", "1:1: number 1e400 is too large"},
		{"max(1, 0/0)", "1:9: division by zero"},
		{"1 B / 0 s", "1:5: division by zero"},
	} {
		q, err := Calc(tc.expr, Exact)
		if got := errString(err); got != tc.want {
			t.Errorf("Calc(%q) = %v, %q; want error %q", tc.expr, q, got, tc.want)
		}
	}

	for _, tc := range []struct{ name, src, want string }{
		{"outputs", "name: x\ninputs:\n  a: 1\n  n: 0\noutputs:\n  y: a / n\n  z: y * 2\n  w: log2(n)\n  v: |\n    a *\n      (1 - 2 ** 1100)\n",
			"s.yaml:6:8: outputs.y: division by zero in y = a / n\n" +
				"s.yaml:8:6: outputs.w: log2 of zero in w = log2(n)\n" +
				"s.yaml:11:14: outputs.v: overflow: result is too large for a float64 in v = a * (1 - 2 ** 1100)"},
		{"overflow", "name: x\ninputs:\n  a: 1e300 B\n  z: 0 s\noutputs:\n  big: a * a / 1 B\n  rate: a / z\n",
			"s.yaml:6:10: outputs.big: overflow: result is too large for a float64 in big = a * a / 1 B\n" +
				"s.yaml:7:11: outputs.rate: division by zero in rate = a / z"},
		{"input", "name: x\ninputs:\n  a: 1e308 * 10\noutputs:\n  y: a\n", "s.yaml:3:12: inputs.a: overflow: result is too large for a float64"},
		{"expectation", "name: x\ninputs:\n  a: 1\noutputs:\n  y: a\nexpect:\n  y: 1e308 * 10\n", "s.yaml:7:12: expect.y: overflow: result is too large for a float64"},
		{"tolerance", "name: x\ninputs:\n  a: 1\noutputs:\n  y: a\nexpect:\n  y: 1 ± 1e307\n", "s.yaml:7:10: expect.y: tolerance must be a percentage, such as ± 0.5%"},
		{"unit", "name: x\ninputs:\n  a: 1 B\noutputs:\n  y:\n    formula: a\n    unit: 1e308 * 10 B\n", "s.yaml:7:11: outputs.y.unit: overflow: result is too large for a float64"},
		{"conventions", "name: x\nconventions:\n  day: 1e308 * 10 s\ninputs:\n  a: 1\noutputs:\n  y: a\n", "s.yaml:3:14: conventions.day: overflow: result is too large for a float64"},
		{"week", "name: x\nconventions:\n  day: 1e308 s\ninputs:\n  a: 1 week\noutputs:\n  y: a\n", "s.yaml:5:6: inputs.a: 1 week is too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Load("s.yaml", []byte(tc.src), Options{})
			if err == nil {
				_, err = m.Evaluate()
			}
			if got := errLines(err); got != tc.want {
				t.Errorf("\n got %s\nwant %s", got, tc.want)
			}
		})
	}

	m := load(t, "name: x\ninputs:\n  a: 1 B\n  t: 1 s\noutputs:\n  y: a / t\n")
	o, err := m.Override("t", "0 s")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Evaluate(o)
	if got, want := errString(err), "s.yaml:6:8: outputs.y: division by zero in y = a / t"; got != want {
		t.Errorf("override to zero:\n got %s\nwant %s", got, want)
	}
	_, err = m.Override("t", "1/0 * 1 s")
	if got, want := errString(err), "t: division by zero"; got != want {
		t.Errorf("infinite override:\n got %s\nwant %s", got, want)
	}
	slots := m.Slots()
	slots[1] = math.Inf(1)
	if err := m.Eval(slots); err == nil {
		// An infinite input read through Slots is the caller's doing;
		// a / Inf is 0, which is finite, so no error is right.
		if slots[2] != 0 {
			t.Errorf("a / Inf = %v", slots[2])
		}
	}
}

// extremes are finite values at the edges of float64.
var extremes = []float64{
	1e-300, -1e-300, 1e300, -1e300, math.Pow(2, 1023), -math.Pow(2, 1023),
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, -1, -1234.5, 0,
}

var allDimensions = []Dimension{Dimensionless, Rate, Bytes, ByteRate, Seconds, Dollars,
	{Byte: 1, Second: 1}, {Dollar: 1, Byte: -1}, {Second: 2}}

// TestExtremeDisplay shows extreme finite values in every unit and
// format and reads each display back: it must hold no +Inf or NaN, and
// its number times its unit must be within rounding to four significant
// digits of the value.
func TestExtremeDisplay(t *testing.T) {
	units := []string{"TB", "Mbps", "KiB", "/s", "K", "years", "ms", "1e-300 B", "1e300 B", "$1", "GB/day"}
	for _, v := range extremes {
		for _, d := range allDimensions {
			q := Quantity{v, d}
			for _, o := range []DisplayOptions{{}, {Binary: true}, {Conventions: Napkin}, {Conventions: Calendar, short: true}} {
				checkReadBack(t, q, Format(q, o), o.Conventions)
			}
		}
		for _, text := range units {
			u, err := ParseDisplayUnit(text, Exact)
			if err != nil {
				t.Fatal(err)
			}
			q := Quantity{v, u.Dim}
			checkReadBack(t, q, u.Format(q), Exact)
			if s, err := Convert(q, text, Exact); err != nil || s != u.Format(q) {
				t.Errorf("Convert(%v, %s) = %q, %v", q, text, s, err)
			}
		}
	}
}

var displayNumber = regexp.MustCompile(`^-?\$?([0-9.]+(e-?[0-9]+)?)(.*)$`)

func checkReadBack(t *testing.T, q Quantity, display string, c Conventions) {
	t.Helper()
	if strings.Contains(display, "Inf") || strings.Contains(display, "NaN") {
		t.Errorf("%v (%s) displays as %q", q.Value, q.Dim, display)
		return
	}
	text, _, _ := strings.Cut(display, " (") // the bits beside a byte rate
	m := displayNumber.FindStringSubmatch(text)
	if m == nil {
		t.Errorf("%v (%s) displays as %q: no number", q.Value, q.Dim, display)
		return
	}
	num, _, err := big.ParseFloat(m[1], 10, 200, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	unit := Quantity{Value: 1}
	if c.Day == 0 {
		c = Exact // as Format takes the zero Conventions
	}
	if rest := strings.TrimSpace(m[3]); rest != "" {
		expr := "1 " + rest
		if rest[0] == '$' || rest[0] >= '0' && rest[0] <= '9' {
			expr = rest // a display unit such as "1e-300 B"
		}
		if unit, err = Calc(expr, c); err != nil {
			t.Errorf("%v (%s) displays as %q: unit %q: %v", q.Value, q.Dim, display, rest, err)
			return
		}
	}
	if strings.HasPrefix(strings.TrimPrefix(text, "-"), "$") {
		unit.Dim, _ = unit.Dim.Mul(Dollars)
	}
	if strings.HasPrefix(text, "-") {
		num.Neg(num)
	}
	if unit.Dim != q.Dim {
		t.Errorf("%v (%s) displays as %q, which is %s", q.Value, q.Dim, display, unit.Dim)
	}
	got := new(big.Float).SetPrec(200).Mul(num, new(big.Float).SetFloat64(unit.Value))
	want := new(big.Float).SetPrec(200).SetFloat64(q.Value)
	diff := new(big.Float).Sub(got, want)
	tol := new(big.Float).Mul(new(big.Float).Abs(want), big.NewFloat(5.1e-4))
	if diff.Abs(diff).Cmp(tol) > 0 {
		t.Errorf("%v (%s) displays as %q, which reads back as %s", q.Value, q.Dim, display, got.Text('g', 6))
	}
}

// TestNegativeDisplay: negative results (a deficit, a difference) show in
// every unit with their sign.
func TestNegativeDisplay(t *testing.T) {
	for _, tc := range []struct {
		q    Quantity
		o    DisplayOptions
		want string
	}{
		{Quantity{-1234.5, Dimensionless}, DisplayOptions{}, "-1.235K"},
		{Quantity{-11574, Rate}, DisplayOptions{}, "-11.57K/s"},
		{Quantity{-1234.5, Bytes}, DisplayOptions{}, "-1.235 KB"},
		{Quantity{-1234.5, Bytes}, DisplayOptions{Binary: true}, "-1.206 KiB"},
		{Quantity{-1234.5, ByteRate}, DisplayOptions{}, "-1.235 KB/s (-9.876 Kbit/s)"},
		{Quantity{-1234.5, Seconds}, DisplayOptions{}, "-20.58 min"},
		{Quantity{-5 * 365 * 86400, Seconds}, DisplayOptions{}, "-5 years"},
		{Quantity{-1234.5, Dollars}, DisplayOptions{}, "-$1.235K"},
		{Quantity{-1234.5, Dimension{Byte: 1, Second: 1}}, DisplayOptions{}, "-1235 B*s"},
		{Quantity{-1e300, Bytes}, DisplayOptions{}, "-1e282 EB"},
		{Quantity{-math.MaxFloat64, ByteRate}, DisplayOptions{}, "-1.798e290 EB/s (-1.438e294 Pbit/s)"},
		{Quantity{-1e-300, Seconds}, DisplayOptions{}, "-1e-291 ns"},
		{Quantity{math.Pow(2, 1023), Dimensionless}, DisplayOptions{}, "8.988e307"},
		{Quantity{-1e300, Rate}, DisplayOptions{}, "-1e300/s"},
		{Quantity{-1e300, Dollars}, DisplayOptions{}, "-$1e300"},
		{Quantity{-999.9e24, Dimensionless}, DisplayOptions{}, "-999900000000000T"},
	} {
		if got := Format(tc.q, tc.o); got != tc.want {
			t.Errorf("Format(%v %s) = %q, want %q", tc.q.Value, tc.q.Dim, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v          float64
		unit, want string
	}{
		{-1234.5, "TB", "-1.235e-9 TB"},
		{-1234.5, "KiB", "-1.206 KiB"},
		{-1e300, "1e-300 B", "-1e600 1e-300 B"},
		{-math.MaxFloat64, "1e-300 B", "-1.798e608 1e-300 B"},
		{-5e-324, "1e300 B", "-4.941e-624 1e300 B"},
		{-1e300, "/s", "-1e300/s"},
		{-1234.5, "K", "-1.235K"},
	} {
		u, err := ParseDisplayUnit(tc.unit, Exact)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.Format(Quantity{tc.v, u.Dim}); got != tc.want {
			t.Errorf("%v in %s = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
	// Through a scenario: a deficit is a result, not an error.
	m := load(t, "name: x\ninputs:\n  have: 2 TB\n  need: 3.5 TB\noutputs:\n  spare:\n    formula: have - need\n    unit: GB\n  short: have - need\n")
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if got := r.outputs[0].Format(r.DisplayOptions(false)) + ", " + r.outputs[1].Format(r.DisplayOptions(true)); got != "-1500 GB, -1.364 TiB" {
		t.Errorf("deficit shows as %s", got)
	}
}

// TestReportJSONExact: -o json values read back to the same float64,
// extremes included.
func TestReportJSONExact(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: extremes\ninputs:\n")
	exprs := []string{"1e-300 B", "1e300 B", "2**1023", "1.7976931348623157e308", "5e-324 s", "-1e300 s", "0.1 + 0.2", "1/3 * 1 USD", "100M/day"}
	for i, e := range exprs {
		fmt.Fprintf(&b, "  i%d: %s\n", i, e)
	}
	b.WriteString("outputs:\n  o0: i0 * 3\n  o1: -i3 / 3\n  o2: i6 * 1 GB / 7 s\n  o3: i8 * 1 year\nexpect:\n  o3: 36.5bn ± 0.1%\n  o0: 3e-300 B\n")
	m := load(t, b.String())
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	for _, binary := range []bool{false, true} {
		rep := r.Report(r.DisplayOptions(binary))
		data, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		for i, in := range rep.Inputs {
			if math.Float64bits(in.Value) != math.Float64bits(back.Inputs[i].Value) {
				t.Errorf("input %s: %v reads back as %v", in.Name, in.Value, back.Inputs[i].Value)
			}
			checkDisplayText(t, in.Display)
		}
		for i, out := range rep.Outputs {
			if math.Float64bits(out.Value) != math.Float64bits(back.Outputs[i].Value) {
				t.Errorf("output %s: %v reads back as %v", out.Name, out.Value, back.Outputs[i].Value)
			}
			checkDisplayText(t, out.Display)
		}
		for i, e := range rep.Expect {
			if e.Expected != back.Expect[i].Expected || e.Actual != back.Expect[i].Actual {
				t.Errorf("expectation %s changes in JSON", e.Name)
			}
		}
	}
}

// TestConcurrentOverrides evaluates one compiled scenario from 16
// goroutines, each with its own overrides, and checks every result
// exactly against the same arithmetic done here; run with -race.
func TestConcurrentOverrides(t *testing.T) {
	m := load(t, `name: concurrent
inputs:
  users: 100M
  actions: 10/day
  size: 500 B
  retention: 5 years
  peak: 3
outputs:
  avg_qps: users * actions
  peak_qps: avg_qps * peak
  storage: avg_qps * size * retention
  bandwidth: peak_qps * size
  servers: ceil(peak_qps / (1000/s))
`)
	const goroutines, rounds = 16, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			users := float64(g+1) * 1e6
			peak := float64(g%4 + 1)
			ou, err := m.Override("users", fmt.Sprintf("%gM", users/1e6))
			if err != nil {
				t.Error(err)
				return
			}
			op, err := m.Override("peak", fmt.Sprint(peak))
			if err != nil {
				t.Error(err)
				return
			}
			// Exactly, as Evaluate computes, rounded once.
			qps := new(big.Rat).Mul(new(big.Rat).SetFloat64(users), big.NewRat(10, 86400))
			exactly := func(x *big.Rat, k ...int64) float64 {
				y := new(big.Rat).Set(x)
				for _, f := range k {
					y.Mul(y, big.NewRat(f, 1))
				}
				v, _ := y.Float64()
				return v
			}
			p := int64(peak)
			want := map[string]float64{
				"avg_qps":   exactly(qps),
				"peak_qps":  exactly(qps, p),
				"storage":   exactly(qps, 500, 5*365*86400),
				"bandwidth": exactly(qps, p, 500),
				"servers":   math.Ceil(exactly(qps, p) / 1000),
			}
			for range rounds {
				r, err := m.Evaluate(ou, op)
				if err != nil {
					t.Error(err)
					return
				}
				for _, out := range r.outputs {
					if out.Value.Value != want[out.Name] {
						t.Errorf("goroutine %d: %s = %v, want %v", g, out.Name, out.Value.Value, want[out.Name])
						return
					}
				}
				if r.inputs[0].Value.Value != users || !r.inputs[0].Overridden || r.inputs[1].Overridden {
					t.Errorf("goroutine %d: inputs %+v", g, r.inputs[:2])
					return
				}
			}
		})
	}
	wg.Wait()
}
