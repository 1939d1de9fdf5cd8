//go:build !race

package estimate

// raceSlowdown scales the time bounds of the hostile-shape tests: 1
// without the race detector.
const raceSlowdown = 1
