package estimate_test

import (
	"fmt"
	"log"

	"github.com/envelope-cli/envelope/estimate"
)

// A sweep evaluated as a batch: one call evaluates every sample, reading
// a column per input that varies and writing a column per output wanted.
// The inputs without a column keep their values in the file. A sample
// that fails is reported with the output and the operation.
func ExampleModel_Batch() {
	src := []byte(`name: sweep
inputs:
  users: 100M
  per_user: 10/day
  per_server: 5K/s
outputs:
  load: users * per_user
  servers: ceil(load / per_server)
`)
	m, err := estimate.Load("sweep.yaml", src, estimate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	b, err := m.Batch() // once; a Batch is safe for concurrent use
	if err != nil {
		log.Fatal(err)
	}
	w := b.NewWork() // one per goroutine

	users, _ := m.Slot("users")
	perServer, _ := m.Slot("per_server")
	servers, _ := m.Slot("servers")
	usersCol := []float64{1e6, 1e7, 1e8, 1e9}
	perServerCol := []float64{5000, 5000, 0, 5000} // in base units: per second
	serversCol := make([]float64, len(usersCol))
	for _, err := range []error{
		w.SetInput(users, usersCol),
		w.SetInput(perServer, perServerCol),
		w.SetOutput(servers, serversCol),
	} {
		if err != nil {
			log.Fatal(err)
		}
	}

	fails, err := w.Eval(len(usersCol))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(serversCol)
	for _, f := range fails {
		fmt.Println(f)
	}
	// Output:
	// [1 1 +Inf 24]
	// sample 2: servers: division by zero (/)
}
