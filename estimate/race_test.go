//go:build race

package estimate

// raceDetector reports whether the tests run under the race detector,
// which makes the package's code several times slower, and by how much
// is not steady enough to time it.
const raceDetector = true
