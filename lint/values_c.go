package lint

// arrayLen is the number of elements of v when it is an array, else 0: Len
// would count an object's members too.
func arrayLen(v Value) int {
	if !v.IsArray() {
		return 0
	}
	return v.Len()
}
