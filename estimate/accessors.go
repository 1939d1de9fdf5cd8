package estimate

// A Model and a Result keep their fields to themselves, so that a Model
// is immutable in fact and not only by agreement (setting a Model's
// conventions once made results report lengths its compiled formulas
// never used). These accessors give what callers read.

// Scenario returns the scenario the model was compiled from, as written.
// It is shared, not copied: do not change it.
func (m *Model) Scenario() *Scenario { return m.scenario }

// Conventions returns the conventions the model's formulas were compiled
// with.
func (m *Model) Conventions() Conventions { return m.conventions }

// Model returns the model that was evaluated.
func (r *Result) Model() *Model { return r.model }

// Conventions returns the conventions the result was computed under.
func (r *Result) Conventions() Conventions { return r.conventions }

// Inputs returns every input as evaluated, in file order.
func (r *Result) Inputs() []InputValue { return r.inputs }

// Outputs returns every output as evaluated, in file order.
func (r *Result) Outputs() []OutputValue { return r.outputs }

// Expect returns every expectation, checked, in file order.
func (r *Result) Expect() []ExpectResult { return r.expect }

// Published returns what the scenario's source printed, beside the
// values computed, in file order.
func (r *Result) Published() []PublishedResult { return r.published }
