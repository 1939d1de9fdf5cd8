package estimate

import (
	"fmt"
	"math/big"
	"strings"
)

// Conventions fix the length of a day, a month and a year, in seconds.
// Published estimates disagree on them (a month of 30 days, of 30.44 days,
// or of 2.5 million seconds), so every evaluation states which it used.
type Conventions struct {
	Profile string  // the profile they start from: exact, calendar or napkin
	Day     float64 // seconds in a day
	Month   float64 // seconds in a month
	Year    float64 // seconds in a year
}

const secondsPerDay = 86400

// The profiles a scenario or a command line may choose.
var (
	// Exact is the default: a 30-day month and a 365-day year.
	Exact = Conventions{Profile: "exact", Day: secondsPerDay, Month: 30 * secondsPerDay, Year: 365 * secondsPerDay}
	// Calendar uses the mean Gregorian month and year.
	Calendar = Conventions{Profile: "calendar", Day: secondsPerDay, Month: 30.436875 * secondsPerDay, Year: 365.2425 * secondsPerDay}
	// Napkin is interview arithmetic: 10⁵ s a day, 2.5×10⁶ s a month, 3×10⁷ s a year.
	Napkin = Conventions{Profile: "napkin", Day: 1e5, Month: 2.5e6, Year: 3e7}
)

// ProfileNames lists the convention profiles by name.
var ProfileNames = []string{"exact", "calendar", "napkin"}

// LookupProfile returns the conventions of the named profile.
func LookupProfile(name string) (Conventions, error) {
	switch name {
	case "exact":
		return Exact, nil
	case "calendar":
		return Calendar, nil
	case "napkin":
		return Napkin, nil
	}
	msg := fmt.Sprintf("unknown conventions profile %q (want %s)", name, strings.Join(ProfileNames, ", "))
	if s := suggest(name, ProfileNames); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return Conventions{}, fmt.Errorf("%s", msg)
}

// Scale returns the length in base units of u under c.
func (c Conventions) Scale(u Unit) float64 {
	switch u.span {
	case spanDay:
		return c.Day
	case spanWeek:
		return 7 * c.Day
	case spanMonth:
		return c.Month
	case spanYear:
		return c.Year
	}
	return u.Scale
}

// ratScale is Scale exactly. A day, month or year is held as a float64,
// exact for any whole or half number of seconds, as every profile has.
func (c Conventions) ratScale(u Unit) *big.Rat {
	if u.span == fixed {
		return u.rat
	}
	return ratOf(c.Scale(u)) // nil for a week of days too long for float64
}

// String describes c for a reader, naming any value that departs from its
// profile: "exact (day 86400 s, month 30 days, year 365 days)".
func (c Conventions) String() string {
	name := c.Profile
	if p, err := LookupProfile(c.Profile); err != nil || p != c {
		name += ", adjusted"
	}
	return fmt.Sprintf("%s (day = %s s, month = %s, year = %s)", name,
		formatPlain(c.Day), describeSpan(c.Month, c.Day), describeSpan(c.Year, c.Day))
}

// describeSpan writes a month or year in days when it is a whole number of
// standard days or the profile's day, and in seconds otherwise.
func describeSpan(v, day float64) string {
	if d := v / secondsPerDay; d == float64(int64(d*1e6))/1e6 && day == secondsPerDay {
		return formatPlain(d) + " days"
	}
	return formatPlain(v) + " s"
}
