package estimate_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/envelope-cli/envelope/estimate"
)

// A one-off calculation: 100 million users making 10 requests a day is
// about 11.6 thousand requests a second on average.
func ExampleCalc() {
	q, err := estimate.Calc("100M * 10 / day", estimate.Exact)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q)
	fmt.Println(q.Value, q.Dim)

	storage, err := estimate.Calc("500 B * 100M/day * 5 years", estimate.Exact)
	if err != nil {
		log.Fatal(err)
	}
	inTB, err := estimate.Convert(storage, "TB", estimate.Exact)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inTB)
	// Output:
	// 11.57K/s
	// 11574.074074074075 1/s
	// 91.25 TB
}

// Calculate takes what Calc does not: a conversion at the end, a
// condition, and counted things, which keep their nouns.
func ExampleCalculate() {
	for _, expr := range []string{
		"1 TB/day -> Mbps",
		"2 GB > 1 GiB",
		"100M users * 10 requests/user/day",
		"2^30 B to GiB",
	} {
		r, err := estimate.Calculate(expr, estimate.Exact)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s = %s\n", expr, r.Format(estimate.DisplayOptions{}))
	}
	// Output:
	// 1 TB/day -> Mbps = 92.59 Mbps
	// 2 GB > 1 GiB = true
	// 100M users * 10 requests/user/day = 11.57K requests/s
	// 2^30 B to GiB = 1 GiB
}

// The conventions decide how long a day, a month and a year are.
func ExampleCalc_conventions() {
	for _, c := range []estimate.Conventions{estimate.Exact, estimate.Calendar, estimate.Napkin} {
		q, _ := estimate.Calc("1bn / month", c)
		fmt.Printf("%-8s %s\n", c.Profile, q)
	}
	// Output:
	// exact    385.8/s
	// calendar 380.3/s
	// napkin   400/s
}

const urlShortener = `name: url-shortener
inputs:
  new_urls: 100M/day
  read_write_ratio: 10
  record_size: 100 B
  retention: 10 years
outputs:
  write_qps: new_urls
  read_qps: write_qps * read_write_ratio
  records: new_urls * retention
  storage:
    formula: records * record_size
    unit: TB
expect:
  read_qps: 11574/s ± 0.1%
  storage: 36.5 TB
`

// A scenario from YAML: Load parses and compiles it once; Evaluate
// computes every output and checks the expectations.
func ExampleLoad() {
	m, err := estimate.Load("url-shortener.yaml", []byte(urlShortener), estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		log.Fatal(err)
	}
	o := r.DisplayOptions(false)
	for _, out := range r.Outputs() {
		fmt.Printf("%-9s %s\n", out.Name, out.Format(o))
	}
	fmt.Println()
	for _, e := range r.Explain(o) {
		fmt.Println(e)
	}
	fmt.Println()
	fmt.Println("failed expectations:", len(r.Failed()))
	fmt.Println("conventions:", r.Conventions())
	// Output:
	// write_qps 1.157K/s
	// read_qps  11.57K/s
	// records   365bn
	// storage   36.5 TB
	//
	// write_qps = new_urls = 100M/day = 1.157K/s
	// read_qps = write_qps * read_write_ratio = (1.157K/s) * 10 = 11.57K/s
	// records = new_urls * retention = (100M/day) * 10 years = 365bn
	// storage = records * record_size = 365bn * 100 B = 36.5 TB
	//
	// failed expectations: 0
	// conventions: exact (day = 86400 s, month = 30 days, year = 365 days)
}

// Overrides evaluate a compiled Model with other inputs, as --set does,
// leaving the Model as it was.
func ExampleModel_Override() {
	m, err := estimate.Load("url-shortener.yaml", []byte(urlShortener), estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ov, err := m.Override("new_urls", "1bn/day")
	if err != nil {
		log.Fatal(err)
	}
	r, err := m.Evaluate(ov)
	if err != nil {
		log.Fatal(err)
	}
	storage, _ := r.Output("storage")
	fmt.Println("storage:", storage.Format(r.DisplayOptions(false)))
	for _, e := range r.Failed() {
		fmt.Printf("%s: expected %s, got %s (%s)\n", e.Name, e.Text,
			estimate.Format(e.Actual, r.DisplayOptions(false)), estimate.FormatDeviation(e.Deviation))
	}

	// An override must have the input's dimension.
	_, err = m.Override("retention", "10M")
	fmt.Println(err)
	// Output:
	// storage: 365 TB
	// read_qps: expected 11574/s, got 115.7K/s (+900%)
	// storage: expected 36.5 TB, got 365 TB (+900%)
	// retention: 10M is a plain number, but retention needs a time (s)
}

// The fast path for evaluating one Model many times: look slots up once,
// set inputs in place and read outputs in base units. Eval allocates
// nothing; each goroutine needs its own slots.
func ExampleModel_Eval() {
	m, err := estimate.Load("url-shortener.yaml", []byte(urlShortener), estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	in, _ := m.Slot("new_urls")
	out, _ := m.Slot("storage")
	slots := m.Slots()
	for _, perDay := range []float64{100e6, 200e6, 400e6} {
		slots[in] = perDay / m.Conventions().Day
		if err := m.Eval(slots); err != nil {
			log.Fatal(err)
		}
		fmt.Println(estimate.Quantity{Value: slots[out], Dim: estimate.Bytes})
	}
	// Output:
	// 36.5 TB
	// 73 TB
	// 146 TB
}

// Errors carry their place in the file. Load reports every problem at
// once, joined; estimate.Errors splits them, and Caret points into the
// formula.
func ExampleError() {
	const src = `name: storage
inputs:
  users: 10M
  photo_size: 2 MB
outputs:
  total: users * photo_sise
  mixed: "photo_size + 1 s"
`
	_, err := estimate.Load("storage.yaml", []byte(src), estimate.Options{})
	for _, e := range estimate.Errors(err) {
		fmt.Println(e)
		var pe *estimate.Error
		if errors.As(e, &pe) {
			fmt.Println(pe.Caret())
		}
	}
	// Output:
	// storage.yaml:6:18: outputs.total: unknown name "photo_sise"; did you mean "photo_size"?
	//     total: users * photo_sise
	//                    ^
	// storage.yaml:7:22: outputs.mixed: cannot add B and s
	//     mixed: "photo_size + 1 s"
	//                        ^
}

// A scenario declares what it counts, so that users and tweets cannot be
// added by mistake, and an output of an implausible dimension warns.
func ExampleModel_Warnings() {
	src := []byte(`name: counted
counts: [user, tweet]
inputs:
  dau: 100M users
  per_user: 2 tweets/user/day
  tweet_size: 300 B/tweet
  users_typo: 1.5B
outputs:
  tweet_rate: dau * per_user
  storage: users_typo * tweet_size * 1 tweet
`)
	m, err := estimate.Load("counted.yaml", src, estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		log.Fatal(err)
	}
	v, _ := r.Output("tweet_rate")
	fmt.Println(v.Format(r.DisplayOptions(false)))
	for _, w := range m.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// 2.315K tweets/s
	// storage: storage is in B^2, bytes times bytes: B is a byte, so a count written 1.5B reads as 1.5 bytes; a billion is bn (1.5bn)
}
