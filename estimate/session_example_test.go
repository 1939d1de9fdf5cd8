package estimate_test

import (
	"fmt"

	"github.com/envelope-cli/envelope/estimate"
)

// A session remembers names and the last result, ans, between lines, as
// envelope repl does. Names hold quantities, never text.
func ExampleSession() {
	s := estimate.NewSession(estimate.Exact)
	for _, line := range []string{
		"dau = 100M",
		"dau * 10/day",
		"ans * 3 -> /s",
		"storage = dau * 2 KB/day * 5 years",
		"storage to PB",
		"storage / dua",
	} {
		a, err := s.Eval(line)
		if err != nil {
			fmt.Println(err)
			continue
		}
		if a.Name != "" {
			fmt.Print(a.Name, " = ")
		}
		fmt.Println(a.Format(estimate.DisplayOptions{Conventions: s.Conventions()}))
	}

	// Values come in from outside as quantities.
	s.Set("peak_factor", estimate.Quantity{Value: 3})
	a, _ := s.Eval("dau * 10/day * peak_factor")
	fmt.Println(a.Format(estimate.DisplayOptions{}))
	// Output:
	// dau = 100M
	// 11.57K/s
	// 34722/s
	// storage = 365 TB
	// 0.365 PB
	// 1:11: unknown name "dua"; did you mean "dau"? (to count duas, write 1 dua)
	// 34.72K/s
}

// A name set to a range keeps it as a range, and a line that reads it
// is sampled from its samples: a name is one quantity in every sample.
func ExampleSession_ranges() {
	s := estimate.NewSession(estimate.Exact)
	for _, line := range []string{
		"users = 10M to 100M",
		"users * 10/day",
		"users - users",
	} {
		a, err := s.Eval(line)
		if err != nil {
			fmt.Println(err)
			continue
		}
		if a.Name != "" {
			fmt.Print(a.Name, " = ")
		}
		fmt.Println(a.Format(estimate.DisplayOptions{}))
	}
	// Output:
	// users = 31.5M (90%: 10.09M–100.5M)
	// 3.65K/s (90%: 1.17K–11.6K/s)
	// 0 (90%: 0–0)
}
