// Package estimate is the engine of envelope, a back-of-the-envelope
// capacity estimator. It turns counts, request rates, object sizes and
// durations into QPS, storage, bandwidth and any other figure a scenario
// derives, with units and dimensions checked and results shown in the
// right unit.
//
// The package does no I/O beyond the bytes and readers it is given, and
// imports no CLI or table library: a command line, a server or a test can
// embed it alike.
//
// # Quantities and one-off calculations
//
// A [Quantity] is a float64 in base units (bytes, seconds, US dollars,
// metres) with a [Dimension]: integer exponents of B, s, USD, m and of
// each counted thing (user, request). Plain numbers are dimensionless.
// [Calc] evaluates a constant expression:
//
//	q, err := estimate.Calc("100M * 10 / day", estimate.Exact)
//	fmt.Println(q)                  // 11.57K/s
//	fmt.Println(q.Value, q.Dim)     // 11574.074074074075 1/s
//
// The formula language is envelope's own, read by the internal package
// syntax and given its meaning here: arithmetic (+ - * / per ^ **,
// parentheses), chained comparisons, conditions (cond ? a : b, and, or,
// not), the functions ceil floor round abs sqrt log2 log10 ln exp mod min
// max, a conversion at the end ("1 TB/day -> Mbps", "x to GB"), and
// quantities: a number written with a scale word and a unit expression
// ("500 B", "100M", "2.5M s", "100 s^-1", "2^30 B", "0.023 USD/GB/month"),
// "$" before a number ("$0.023"), "%" after it ("20%"). A unit expression
// binds tighter than arithmetic. Units are case-sensitive: B is a byte
// and b a bit, T a trillion and TB a terabyte; [LookupUnit] and
// [UnitNames] list them. Dimensions are checked as the expression is
// compiled: "2 KB + 3 s" fails with "cannot add B and s". A scenario's
// counts (users, tweets) are dimensions too; Calc and [Calculate] count
// any lower-case word that is no unit ("100M users * 10
// requests/user/day" is 11.57K requests/s), and Calculate also takes a
// condition as a result ("2 GB > 1 GiB" is true). Implausible
// dimensions (B^2, B*s) give a [Warning]. docs/scenario-format.md is the
// reference.
//
// [Format] (and [Quantity.String]) shows a quantity in the best unit for
// its dimension with four significant digits: 11.57K/s, 91.25 TB,
// 9.645 MB/s (77.16 Mbit/s), 5 years, $41.4K, 1.2e15 B*s. [Convert] shows
// it in a unit asked for ("TB", "Mbps", "GB/day") and fails when the
// dimensions differ. [ParseQuantity] reads a value of a known dimension,
// such as a command-line flag.
//
// # Conventions
//
// How long a day, a month and a year are depends on the [Conventions] in
// force: [Exact] (the default: 86,400 s, 30 days, 365 days), [Calendar]
// (30.436875 and 365.2425 days) or [Napkin] (10⁵ s, 2.5×10⁶ s, 3×10⁷ s).
// A scenario may choose a profile and set day, month and year one by one;
// [Options].Conventions replace them all. Every [Result] says which
// conventions it used.
//
// # Scenarios: parse, compile, evaluate
//
// A scenario file is YAML: a name, inputs (constant expressions, which
// can be overridden), outputs (formulas over inputs and other outputs, in
// any order), optional display units and expectations. Working with one
// has three steps:
//
//  1. [Parse] reads the file into a [Scenario], which keeps every value
//     with its place in the file.
//  2. [Scenario.Compile] resolves names, orders the outputs by their
//     dependencies, checks dimensions, display units and expectations,
//     and builds every formula into an evaluation function: a [Model].
//  3. [Model.Evaluate] computes the outputs and checks the expectations,
//     returning a [Result].
//
// [Load] does the first two at once and is what most callers want:
//
//	m, err := estimate.Load("url-shortener.yaml", src, estimate.Options{})
//	if err != nil {
//		return err // every problem of the file, in file order
//	}
//	r, err := m.Evaluate()
//	if err != nil {
//		return err // a division by zero, an overflow or a NaN, naming the output
//	}
//	for _, out := range r.Outputs() {
//		fmt.Println(out.Name, out.Format(r.DisplayOptions(false)))
//	}
//
// Compile once, evaluate many times: a Model is immutable and safe to
// evaluate from many goroutines at once.
//
// # Overrides
//
// [Model.Override] checks a new value for an input, a constant expression
// of the input's dimension, as "envelope eval --set" does;
// [Model.ParseOverride] reads "name=value". Pass overrides to Evaluate;
// the Model itself does not change:
//
//	ov, err := m.Override("new_urls", "1bn/day")
//	...
//	r, err := m.Evaluate(ov)
//
// # The fast path
//
// Evaluate builds a Result with every value and expectation, which costs
// a few allocations. To evaluate a Model many times, as a sweep or a
// Monte Carlo run does, use its slots instead: [Model.Slots] returns the
// working memory (inputs first, set to their values in the file, then
// the outputs), [Model.Slot] finds a name's index once, and [Model.Eval]
// computes every output in place, in base units, allocating nothing:
//
//	in, _ := m.Slot("new_urls")
//	out, _ := m.Slot("storage")
//	slots := m.Slots() // one per goroutine
//	for _, perDay := range rates {
//		slots[in] = perDay / m.Conventions().Day
//		if err := m.Eval(slots); err != nil {
//			return err
//		}
//		use(slots[out]) // bytes
//	}
//
// # Sweeps and goal seeking
//
// [Model.Sweep] evaluates outputs at every point of one [Range] of an
// input, or the grid of two, through the batch evaluator: [Points]
// spaces a range (logarithmically from a span of [LogSpan]) and
// [Model.ParseVary] reads "new_urls=10M/day..1bn/day" or
// "peak_factor=2,3,5". [SweepResult.Confirm] evaluates the points again
// on the exact path for display, and [ColumnUnit] chooses one scale for
// a column of values (3.65 TB, 36.5 TB, 365 TB). [Model.Solve] finds the
// value of an input at which a [Condition] ([Model.ParseCondition]:
// "servers = 100", "storage <= 1 PB") starts or stops holding, on the
// exact path, to full precision or to a whole step.
//
// # Results
//
// A [Result] holds every input and output as an [InputValue] or
// [OutputValue], shown through Format in its display unit or the best
// one, and every expectation checked as an [ExpectResult];
// [Result.Failed] lists those that do not hold. [Result.Explain] shows
// the working of each output as an [Explanation]:
//
//	write_qps = new_urls = 100M/day = 1.157K/s
//	storage = records * record_size = 365bn * 100 B = 36.5 TB
//
// [Result.Report] turns a Result into a [Report] for JSON or YAML: values
// in base units and canonical units ("1", "1/s", "B", "B/s", "s", "USD",
// "B*s", "USD/B"; see [Dimension.String]).
//
// # Errors
//
// Every problem is an [*Error] carrying the file, line and column (in
// runes; inside a formula, those of the offending character in the
// file), the path of the value ("outputs.storage.formula") and a message.
// Its Error method renders "file:line:col: path: message" and
// [Error.Caret] the source line with a caret under the column. Load
// reports all the problems of a file at once, in file order, joined with
// [errors.Join]; [Errors] splits them again:
//
//	for _, e := range estimate.Errors(err) {
//		fmt.Fprintln(os.Stderr, e)
//		var pe *estimate.Error
//		if errors.As(e, &pe) && pe.Caret() != "" {
//			fmt.Fprintln(os.Stderr, pe.Caret())
//		}
//	}
//
// which prints, for instance:
//
//	storage.yaml:6:18: outputs.total: unknown name "photo_sise"; did you mean "photo_size"?
//	    total: users * photo_sise
//	                   ^
//
// # Untrusted input
//
// Scenario files and formulas may come from anywhere, so what the package
// reads is bounded: [MaxFileSize], [MaxFormulaSize], [MaxNesting],
// [MaxNames] and [MaxErrors]. [ReadSource] reads a file from an
// [io.Reader] without reading more than the limit allows; each refusal is
// an *Error like any other.
package estimate
