package liquid

// ConnectedContent is a connected_content tag's arguments (LIQ-24, LIQ-25).
type ConnectedContent struct {
	URL     Span
	Options []Option
}

// Span is a range of the template.
type Span struct{ Start, End int }

// Option is one `:name value` of a connected_content tag. Value is empty
// (Start == End) when no value follows.
type Option struct {
	Name  string // without the colon
	At    Span   // the colon and the name
	Value Span
}

// ReadConnectedContent splits the arguments of a connected_content tag. Words
// are separated by white space, except inside nested outputs, quotes and the
// braces of a :headers object; options may span lines.
func (t *Template) ReadConnectedContent(n *Node) ConnectedContent {
	var cc ConnectedContent
	src := t.Src
	words := t.words(n.ArgStart, n.ArgEnd)
	i := 0
	if i < len(words) && src[words[i].Start] != ':' {
		cc.URL = words[i]
		i++
	}
	cc.Options = t.options(words[i:], func(name string) bool {
		return ConnectedContentOptions[name] || name == "cache"
	})
	return cc
}

// ReadOptions reads a Braze tag's arguments as `:name value` options, every
// option taking the words up to the next option: message_extras' :key and
// :value.
func (t *Template) ReadOptions(n *Node) []Option {
	return t.options(t.words(n.ArgStart, n.ArgEnd), func(string) bool { return true })
}

// options reads `:name value` options from words; takesValue says which
// names take the words that follow as their value.
func (t *Template) options(words []Span, takesValue func(string) bool) []Option {
	src := t.Src
	var opts []Option
	for i := 0; i < len(words); {
		w := words[i]
		i++
		if src[w.Start] != ':' {
			continue // a value with no option before it
		}
		o := Option{Name: src[w.Start+1 : w.End], At: w, Value: Span{w.End, w.End}}
		if takesValue(o.Name) {
			// The value runs to the next option; :body text may hold spaces.
			for i < len(words) && src[words[i].Start] != ':' {
				if o.Value.Start == o.Value.End {
					o.Value.Start = words[i].Start
				}
				o.Value.End = words[i].End
				i++
			}
		}
		opts = append(opts, o)
	}
	return opts
}

// words splits src[start:end] at white space outside nested outputs, quotes
// and braces.
func (t *Template) words(start, end int) []Span {
	src := t.Src
	var ws []Span
	j := start
	for j < end {
		if isSpace(src[j]) {
			j++
			continue
		}
		k := j
		depth := 0
		var quote byte
		for k < end {
			c := src[k]
			switch {
			case quote != 0:
				if c == '\\' {
					k++
				} else if c == quote {
					quote = 0
				}
			case c == '"' && depth > 0:
				quote = c
			case c == '{':
				depth++
			case c == '}':
				depth = max(depth-1, 0)
			case isSpace(c) && depth == 0:
				goto done
			}
			k++
		}
	done:
		k = min(k, end)
		ws = append(ws, Span{j, k})
		j = k
	}
	return ws
}
