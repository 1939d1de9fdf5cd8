package main

import (
	"fmt"

	"github.com/envelope-cli/envelope/estimate"
)

// downtimePeriods are the spans downtime is given per, longest first.
var downtimePeriods = []string{"year", "month", "week", "day"}

// downtimeRow returns the downtime that the availability target, a share
// such as 99.99%, allows in each of downtimePeriods under conv. The engine
// does the arithmetic, so that month and year follow the conventions.
func downtimeRow(target estimate.Quantity, conv estimate.Conventions) ([]estimate.Quantity, error) {
	if !target.Dim.IsDimensionless() {
		return nil, fmt.Errorf("availability %s is not a share, such as 99.99%%", target)
	}
	row := make([]estimate.Quantity, len(downtimePeriods))
	for i, p := range downtimePeriods {
		q, err := estimate.Calc(fmt.Sprintf("(1 - %s) * %s", formatValue(target.Value), p), conv)
		if err != nil {
			return nil, err
		}
		row[i] = q
	}
	return row, nil
}
