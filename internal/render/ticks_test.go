package render_test

import (
	"fmt"

	"github.com/envelope-cli/envelope/internal/render"
)

// Ticks on a log axis are powers of ten, with 2 and 5 times them on a
// short span; on a linear axis, round steps.
func ExampleAxisTicks() {
	fmt.Println(render.AxisTicks(1, 1e6, true))
	fmt.Println(render.AxisTicks(1, 50, true))
	fmt.Println(render.AxisTicks(0, 30, false))
	fmt.Println(render.AxisTicks(-2, 13, false))
	fmt.Println(render.AxisTicks(3, 3, false))
	// Output:
	// [1 10 100 1000 10000 100000 1e+06]
	// [1 2 5 10 20 50]
	// [0 5 10 15 20 25 30]
	// [0 5 10]
	// [3]
}
