package syntax

// An Error is a problem in a formula at a byte offset.
type Error struct {
	Off int // byte offset in the formula
	Msg string
}

func (e *Error) Error() string { return e.Msg }
