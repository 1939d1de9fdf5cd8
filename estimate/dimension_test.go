package estimate

import "testing"

// TestDimensionString pins the canonical unit strings of the JSON contract:
// base units in the order B, s, USD joined by "*", "^n" exponents, and a
// "/" before each negative one.
func TestDimensionString(t *testing.T) {
	tests := []struct {
		dim  Dimension
		want string
	}{
		{Dimensionless, "1"},
		{Rate, "1/s"},
		{Bytes, "B"},
		{ByteRate, "B/s"},
		{Seconds, "s"},
		{Dollars, "USD"},
		{Dimension{Byte: 1, Second: 1}, "B*s"},
		{Dimension{Byte: -1, Dollar: 1}, "USD/B"},
		{Dimension{Byte: 2}, "B^2"},
		{Dimension{Second: -2}, "1/s^2"},
		{Dimension{Byte: 1, Second: -2}, "B/s^2"},
		{Dimension{Byte: 1, Second: 1, Dollar: 1}, "B*s*USD"},
		{Dimension{Dollar: 1, Byte: -1, Second: -1}, "USD/B/s"},
		{Dimension{Byte: -3}, "1/B^3"},
		{Dimension{Byte: 127, Second: -128}, "B^127/s^128"},
	}
	for _, tt := range tests {
		if got := tt.dim.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.dim, got, tt.want)
		}
	}
}

func TestDimensionArithmetic(t *testing.T) {
	tests := []struct {
		name      string
		got, want Dimension
	}{
		{"B*s", must(Bytes.Mul(Seconds)), Dimension{Byte: 1, Second: 1}},
		{"B/s", must(Bytes.Div(Seconds)), ByteRate},
		{"1/s", must(Dimensionless.Div(Seconds)), Rate},
		{"(B/s)*s", must(ByteRate.Mul(Seconds)), Bytes},
		{"USD/B*B", must(must(Dollars.Div(Bytes)).Mul(Bytes)), Dollars},
		{"(B/s)^2", must(ByteRate.Pow(2)), Dimension{Byte: 2, Second: -2}},
		{"s^-1", must(Seconds.Pow(-1)), Rate},
		{"B^0", must(Bytes.Pow(0)), Dimensionless},
		{"user*request/user", must(must(Count("user").Mul(Count("request"))).Div(Count("user"))), Count("request")},
		{"m^2/m", must(must(Meters.Pow(2)).Div(Meters)), Meters},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if _, err := (Dimension{Byte: 100}).Pow(2); err == nil {
		t.Error("(B^100)^2: no error, want ErrDimensionRange")
	}
	if _, err := (Dimension{Byte: -100}).Mul(Dimension{Byte: -100}); err == nil {
		t.Error("B^-100 * B^-100: no error, want ErrDimensionRange")
	}
	if !Dimensionless.IsDimensionless() || Bytes.IsDimensionless() || Rate.IsDimensionless() {
		t.Error("IsDimensionless: want true only for the zero Dimension")
	}
}

// TestFormulaDimension checks the dimension that formulas combine to,
// as the "unit" field of the JSON output shows it.
func TestFormulaDimension(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"100M", "1"},
		{"20%", "1"},
		{"100M * 10 / day", "1/s"},
		{"1 qps", "1/s"},
		{"500 B", "B"},
		{"1 TB / day", "B/s"},
		{"1 Gbps", "B/s"},
		{"5 years", "s"},
		{"$0.023", "USD"},
		{"1 GB * 1 day", "B*s"},
		{"$0.023 / 1 GB", "USD/B"},
		{"$0.023 / 1 GB / month", "USD/B/s"},
		{"1 KB ** 2", "B^2"},
		{"1 / (1 s) ** 2", "1/s^2"},
		{"sqrt(4 B**2)", "B"},
		{"abs(-3 s)", "s"},
		{"min(1 B, 2 KB)", "B"},
		{"1 B * 1 s / 1 s / 1 B", "1"},
	}
	for _, tt := range tests {
		q, err := Calc(tt.expr, Exact)
		if err != nil {
			t.Errorf("Calc(%q): %v", tt.expr, err)
			continue
		}
		if got := q.Dim.String(); got != tt.want {
			t.Errorf("Calc(%q) has dimension %s, want %s", tt.expr, got, tt.want)
		}
	}
}

func must(d Dimension, err error) Dimension {
	if err != nil {
		panic(err)
	}
	return d
}
