package lint

var AttributeDate = &Rule{
	ID: "attribute-date", severity: Info,
	Title: "a date profile field is in a layout Braze does not read as a time",
	Doc: `date_of_first_session, date_of_last_session and marked_email_as_spam_at take a date in ISO 8601
(recommended) or one of the layouts yyyy-MM-ddTHH:mm:ss:SSSZ, yyyy-MM-ddTHH:mm:ss,
yyyy-MM-dd HH:mm:ss, yyyy-MM-dd, MM/dd/yyyy and ddd MM dd HH:mm:ss.TZD YYYY (ATTR-12). A value in
any other layout, such as Mar 26 2026 06:12 PM +00:00, is stored as a string, not as a time, so
time-based segment filters do not work on it (ATTR-20). Write ISO 8601 with an offset, e.g.
2026-03-26T18:12:00Z; without an offset Braze assumes UTC.

Only strings that look like dates (four digits or more) are checked, only in these three fields:
dob has its own form (an invalid-format error, ATTR-8), and the type of a custom attribute is not
known to brazelint. Values holding Liquid are left alone.`,
	Spec:      []string{"ATTR-12", "ATTR-17", "ATTR-20"},
	Endpoints: attributed,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		objects := p.attributeObjects()
		for o := range objects {
			for j, field := range dateAttributes {
				s, ok := objects[o].field(dateAttributeIndexes[j]).Str()
				if !ok || hasLiquid(s) || !looksLikeDate(s) || brazeDateLayout(s) {
					continue
				}
				at := attributePath(objects[o].recipient, field)
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is in no date layout Braze reads, so it is stored as a string and time filters do not work on it: write ISO 8601, e.g. 2026-03-26T18:12:00Z")
			}
		}
	},
}

// dateAttributes are the profile fields that hold a date in one of the
// layouts of ATTR-12.
var dateAttributes = []string{"date_of_first_session", "date_of_last_session", "marked_email_as_spam_at"}

// dateAttributeIndexes are their indexes in builtinAttributes.
var dateAttributeIndexes = func() (idx []int) {
	for _, f := range dateAttributes {
		idx = append(idx, mustBuiltin(f))
	}
	return idx
}()

// looksLikeDate reports whether s holds four digits or more: a year, or a
// date written with digits.
func looksLikeDate(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n >= 4
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// brazeDateLayout reports whether s is in a layout of ATTR-12: ISO 8601
// (calendar dates, extended or basic, with an optional time, fraction and
// offset; the space separator and Braze's :SSS milliseconds included),
// MM/dd/yyyy, or ddd MM dd HH:mm:ss.TZD YYYY.
func brazeDateLayout(s string) bool {
	return isoDate(s) || usDate(s) || rubyDate(s)
}

// scanner reads fixed layouts byte by byte, allocating nothing.
type scanner struct {
	s   string
	pos int
}

func (c *scanner) done() bool { return c.pos == len(c.s) }

// lit consumes b if it is next.
func (c *scanner) lit(b byte) bool {
	if c.pos < len(c.s) && c.s[c.pos] == b {
		c.pos++
		return true
	}
	return false
}

// num consumes exactly n digits and returns their value, or -1.
func (c *scanner) num(n int) int {
	if c.pos+n > len(c.s) {
		return -1
	}
	v := 0
	for i := 0; i < n; i++ {
		d := c.s[c.pos+i]
		if !isDigit(d) {
			return -1
		}
		v = v*10 + int(d-'0')
	}
	c.pos += n
	return v
}

// digits consumes one or more digits.
func (c *scanner) digits() bool {
	start := c.pos
	for c.pos < len(c.s) && isDigit(c.s[c.pos]) {
		c.pos++
	}
	return c.pos > start
}

// letters consumes between min and max ASCII letters.
func (c *scanner) letters(minN, maxN int) bool {
	start := c.pos
	for c.pos < len(c.s) && c.pos-start < maxN && isLetter(c.s[c.pos]) {
		c.pos++
	}
	if c.pos-start < minN {
		c.pos = start
		return false
	}
	return true
}

func inRange(v, lo, hi int) bool { return v >= lo && v <= hi }

// offset consumes Z, ±hh, ±hh:mm or ±hhmm.
func (c *scanner) offset() bool {
	if c.lit('Z') {
		return true
	}
	if !c.lit('+') && !c.lit('-') {
		return false
	}
	if !inRange(c.num(2), 0, 23) {
		return false
	}
	if c.done() || c.s[c.pos] == ' ' {
		return true
	}
	c.lit(':')
	return inRange(c.num(2), 0, 59)
}

// clock consumes HH:mm, then optionally :ss and a fraction (.SSS, ,SSS or
// Braze's :SSS). basic reads HHmm[ss] instead.
func (c *scanner) clock(basic bool) bool {
	sep := func() bool { return basic || c.lit(':') }
	if !inRange(c.num(2), 0, 24) || !sep() || !inRange(c.num(2), 0, 59) {
		return false
	}
	if basic && (c.done() || !isDigit(c.s[c.pos])) || !basic && !c.lit(':') {
		return true
	}
	if !inRange(c.num(2), 0, 60) {
		return false
	}
	// A fraction: a separator followed by digits. A separator followed by
	// anything else is left for the caller (ddd ... HH:mm:ss.TZD).
	if c.pos+1 < len(c.s) && (c.s[c.pos] == '.' || c.s[c.pos] == ',' || c.s[c.pos] == ':') && isDigit(c.s[c.pos+1]) {
		c.pos++
		c.digits()
	}
	return true
}

func isoDate(s string) bool {
	c := &scanner{s: s}
	if c.num(4) < 0 {
		return false
	}
	basic := !c.lit('-')
	month := c.num(2)
	if !basic && !c.lit('-') {
		return false
	}
	if !inRange(month, 1, 12) || !inRange(c.num(2), 1, 31) {
		return false
	}
	if c.done() {
		return true
	}
	if !c.lit('T') && !c.lit(' ') || !c.clock(basic) {
		return false
	}
	if c.done() {
		return true
	}
	return c.offset() && c.done()
}

// usDate is MM/dd/yyyy.
func usDate(s string) bool {
	c := &scanner{s: s}
	return inRange(c.num(2), 1, 12) && c.lit('/') && inRange(c.num(2), 1, 31) && c.lit('/') && c.num(4) >= 0 && c.done()
}

// rubyDate is ddd MM dd HH:mm:ss.TZD YYYY: a weekday, the month as digits or
// a name, the day, the time, a zone (an offset or letters such as UTC), the
// year; as Ruby's Time#to_s and C's ctime write dates, read leniently.
func rubyDate(s string) bool {
	c := &scanner{s: s}
	if !c.letters(3, 3) || !c.lit(' ') {
		return false
	}
	if !c.letters(3, 3) && !inRange(c.num(2), 1, 12) {
		return false
	}
	if !c.lit(' ') || !inRange(c.num(2), 1, 31) || !c.lit(' ') || !c.clock(false) {
		return false
	}
	zone := func() bool { return c.offset() || c.letters(1, 5) }
	if c.lit('.') {
		if !zone() {
			return false
		}
	} else if start := c.pos; c.lit(' ') && !zone() {
		c.pos = start // no zone, as C's ctime writes it
	}
	return c.lit(' ') && c.num(4) >= 0 && c.done()
}
