//go:build !race

package estimate

// raceDetector reports whether the tests run under the race detector.
const raceDetector = false
