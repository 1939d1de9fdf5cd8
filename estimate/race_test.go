//go:build race

package estimate

// raceSlowdown scales the time bounds of the hostile-shape tests: the race
// detector makes the package's code several times slower.
const raceSlowdown = 10
