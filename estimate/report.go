package estimate

// A Report is a Result as data for JSON and YAML: the contract that tools
// and tests rely on. Values are in base units (bytes, seconds, dollars);
// units are canonical (see Dimension.String).
type Report struct {
	Name        string            `json:"name" yaml:"name"`
	Conventions ConventionsReport `json:"conventions" yaml:"conventions"`
	Inputs      []InputReport     `json:"inputs" yaml:"inputs"`
	Outputs     []OutputReport    `json:"outputs" yaml:"outputs"`
	Expect      []ExpectReport    `json:"expect" yaml:"expect"`
	// Published are the figures the scenario's source printed, beside
	// the values computed; they never fail a check.
	Published []PublishedReport `json:"published,omitempty" yaml:"published,omitempty"`
	// Warnings name outputs whose dimension is implausible, such as B^2.
	Warnings []string `json:"warnings,omitempty" yaml:"warnings,omitempty"`
}

// ConventionsReport gives the conventions used, in seconds.
type ConventionsReport struct {
	Profile string  `json:"profile" yaml:"profile"`
	Day     float64 `json:"day" yaml:"day"`
	Month   float64 `json:"month" yaml:"month"`
	Year    float64 `json:"year" yaml:"year"`
}

// Report returns c as data, in seconds.
func (c Conventions) Report() ConventionsReport {
	return ConventionsReport{Profile: c.Profile, Day: c.Day, Month: c.Month, Year: c.Year}
}

// DistributionReport is an uncertain value's distribution as data, in
// base units: the mean, the standard deviation, five percentiles, and the
// samples and seed they come from. A report's "value" beside it is the
// median (p50).
type DistributionReport struct {
	Mean    float64 `json:"mean" yaml:"mean"`
	SD      float64 `json:"sd" yaml:"sd"`
	P5      float64 `json:"p5" yaml:"p5"`
	P25     float64 `json:"p25" yaml:"p25"`
	P50     float64 `json:"p50" yaml:"p50"`
	P75     float64 `json:"p75" yaml:"p75"`
	P95     float64 `json:"p95" yaml:"p95"`
	Samples int     `json:"samples" yaml:"samples"`
	Seed    uint64  `json:"seed" yaml:"seed"`
	// Failed counts the samples that leave the value undefined, left out
	// of the figures above (Samples counts the rest); Failure says why
	// the first of them failed.
	Failed  int    `json:"failed,omitempty" yaml:"failed,omitempty"`
	Failure string `json:"failure,omitempty" yaml:"failure,omitempty"`
}

// Report returns d as data.
func (d Distribution) Report() *DistributionReport {
	return &DistributionReport{Mean: d.Mean, SD: d.SD, P5: d.P5, P25: d.P25, P50: d.P50, P75: d.P75, P95: d.P95,
		Samples: d.Samples, Seed: d.Seed, Failed: d.Failed, Failure: d.Failure}
}

// falseUnless is a pointer to false, for a report's "exact": false, or
// nil when ok, so that exact values carry no field.
func falseUnless(ok bool) *bool {
	if ok {
		return nil
	}
	f := false
	return &f
}

// PublishedReport is one published figure beside the value computed, in
// base units.
type PublishedReport struct {
	Name      string   `json:"name" yaml:"name"`
	Published float64  `json:"published" yaml:"published"`
	Actual    float64  `json:"actual" yaml:"actual"`
	Deviation *float64 `json:"deviation,omitempty" yaml:"deviation,omitempty"`
	Note      string   `json:"note,omitempty" yaml:"note,omitempty"`
}

// InputReport is one input.
type InputReport struct {
	Name       string  `json:"name" yaml:"name"`
	Expression string  `json:"expression" yaml:"expression"`
	Value      float64 `json:"value" yaml:"value"`
	Unit       string  `json:"unit" yaml:"unit"`
	Display    string  `json:"display" yaml:"display"`
	Overridden bool    `json:"overridden,omitempty" yaml:"overridden,omitempty"`
	// Exact is false, and present, when the value is approximate.
	Exact *bool `json:"exact,omitempty" yaml:"exact,omitempty"`
}

// OutputReport is one output.
type OutputReport struct {
	Name    string  `json:"name" yaml:"name"`
	Value   float64 `json:"value" yaml:"value"`
	Unit    string  `json:"unit" yaml:"unit"`
	Display string  `json:"display" yaml:"display"`
	Formula string  `json:"formula" yaml:"formula"`
	// Exact is false, and present, when the value is approximate: a
	// float64 function (sqrt, a logarithm, exp, a fractional power)
	// went into it. Value is always the float64 nearest the exact
	// value.
	Exact *bool `json:"exact,omitempty" yaml:"exact,omitempty"`
	// Distribution is that of an uncertain output; Value is then its
	// median.
	Distribution *DistributionReport `json:"distribution,omitempty" yaml:"distribution,omitempty"`
	// Substituted is the formula with its values substituted, when the
	// working was asked for.
	Substituted string `json:"substituted,omitempty" yaml:"substituted,omitempty"`
}

// ExpectReport is one expectation checked.
type ExpectReport struct {
	Name      string   `json:"name" yaml:"name"`
	Expected  float64  `json:"expected" yaml:"expected"`
	Actual    float64  `json:"actual" yaml:"actual"`
	Tolerance float64  `json:"tolerance" yaml:"tolerance"`
	Deviation *float64 `json:"deviation" yaml:"deviation"` // null when expected is 0 and actual is not, or when it is beyond float64's range
	OK        bool     `json:"ok" yaml:"ok"`
}

// Report returns r as data, with displays made under o.
func (r *Result) Report(o DisplayOptions) Report {
	c := r.conventions
	rep := Report{
		Name:        r.model.scenario.Name,
		Conventions: c.Report(),
		Inputs:      []InputReport{},
		Outputs:     []OutputReport{},
		Expect:      []ExpectReport{},
	}
	for _, v := range r.inputs {
		rep.Inputs = append(rep.Inputs, InputReport{Name: v.Name, Expression: v.Text, Value: v.Value.Value,
			Unit: v.Value.Dim.String(), Display: v.Format(o), Overridden: v.Overridden, Exact: falseUnless(v.Exact || v.rat == nil)})
	}
	for _, v := range r.outputs {
		var dist *DistributionReport
		if v.Distribution != nil {
			dist = v.Distribution.Report()
		}
		rep.Outputs = append(rep.Outputs, OutputReport{Name: v.Name, Value: v.Value.Value, Exact: falseUnless(v.Exact || v.rat == nil || dist != nil), Distribution: dist,
			Unit: v.Value.Dim.String(), Display: v.Format(o), Formula: v.Formula})
	}
	for _, e := range r.expect {
		er := ExpectReport{Name: e.Name, Expected: e.Expected.Value, Actual: e.Actual.Value, Tolerance: e.Tolerance, OK: e.OK}
		if isFinite(e.Deviation) { // JSON has no NaN or Inf
			d := e.Deviation
			er.Deviation = &d
		}
		rep.Expect = append(rep.Expect, er)
	}
	for _, p := range r.published {
		pr := PublishedReport{Name: p.Name, Published: p.Published.Value, Actual: p.Actual.Value, Note: p.Note}
		if isFinite(p.Deviation) {
			d := p.Deviation
			pr.Deviation = &d
		}
		rep.Published = append(rep.Published, pr)
	}
	for _, w := range r.model.Warnings() {
		rep.Warnings = append(rep.Warnings, w.Msg)
	}
	return rep
}
