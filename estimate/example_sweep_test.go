package estimate_test

import (
	"fmt"
	"log"

	"github.com/envelope-cli/envelope/estimate"
)

// A sweep of one input through the batch evaluator, confirmed on the
// exact path and shown with one scale per column.
func ExampleModel_Sweep() {
	src := []byte(`name: shortener
inputs:
  new_urls: 100M/day
  record_size: 100 B
  retention: 10 years
outputs:
  storage: new_urls * retention * record_size
`)
	m, err := estimate.Load("shortener.yaml", src, estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	r, err := m.ParseVary("new_urls=10M/day..1bn/day", 3, estimate.SpacingAuto)
	if err != nil {
		log.Fatal(err)
	}
	s, err := m.Sweep([]estimate.Range{r}, []string{"storage"})
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Confirm(m); err != nil {
		log.Fatal(err)
	}
	o := estimate.DisplayOptions{}
	in := estimate.RangeUnit("10M/day", r.Values[0].Dim, m.Conventions())
	col := estimate.ColumnUnit(s.Column(0), o)
	for p := range s.Len() {
		fmt.Println(estimate.FormatIn(r.Values[p], in, o), s.Format(0, p, col, o))
	}
	// Output:
	// 10M/day 3.65 TB
	// 100M/day 36.5 TB
	// 1bn/day 365 TB
}

// Goal seeking on the exact path: the largest number of users that 100
// servers carry, a whole number, and the servers one user more needs.
func ExampleModel_Solve() {
	src := []byte(`name: servers
inputs:
  users: 10M
  per_user: 22/day
  per_server: 1000/s
outputs:
  servers: ceil(users * per_user * 3 / per_server)
`)
	m, err := estimate.Load("servers.yaml", src, estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	c, err := m.ParseCondition("servers = 100")
	if err != nil {
		log.Fatal(err)
	}
	sol, err := m.Solve("users", c, estimate.SolveOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.0f users: %v servers; %.0f: %v\n", sol.Value.Value, sol.Output, sol.Next.Value, sol.NextOutput)
	// Output:
	// 130909090 users: 100 servers; 130909091: 101
}
