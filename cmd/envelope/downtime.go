package main

import (
	"fmt"

	"github.com/envelope-cli/envelope/estimate"
)

// downtimePeriods are the spans downtime is given per, longest first: the
// outputs downtime_per_PERIOD of calculators/availability.yaml.
var downtimePeriods = []string{"year", "month", "week", "day"}

// downtimes evaluates the availability scenario m for a target such as
// 99.99%, and returns the share and the downtime it allows per each of
// downtimePeriods. envelope availability and envelope ref availability
// both come here, so their figures are the same by construction.
func downtimes(m *estimate.Model, target string) (share estimate.Quantity, row []estimate.Quantity, err error) {
	r, err := availabilityOf(m, target)
	if err != nil {
		return share, nil, err
	}
	for _, p := range downtimePeriods {
		v, ok := r.Output("downtime_per_" + p)
		if !ok {
			return share, nil, fmt.Errorf("availability scenario has no output downtime_per_%s", p)
		}
		row = append(row, v.Value)
	}
	return r.Inputs()[0].Value, row, nil
}
