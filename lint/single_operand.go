package lint

var SingleOperand = &Rule{
	ID: "single-operand", severity: Warning,
	Title: "an AND or OR holds a single node",
	Doc: `AND and OR join two or more nodes. With one node the operator does nothing, which usually
means a filter meant to sit beside it was left out or put at the wrong level. Add the missing
node, or replace the operator by the node it holds.`,
	Spec:  []string{"AUD-2", "AUD-5"},
	needs: []string{"audience"},
	Check: func(p *Pass) {
		audienceNodes(p.Root, func(path []any, node *audienceNode) {
			for k, op := range operators {
				if node.ops[k] == 1 {
					at := append(path, op)
					p.Report(KeyAt(Pointer(at...)), Path(at...)+" holds one node, so the "+op+" has no effect: add the node it should join, or use the node itself")
				}
			}
		})
	},
}
