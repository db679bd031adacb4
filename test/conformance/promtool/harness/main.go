// Command promql parses PromQL expressions with the Prometheus parser
// (github.com/prometheus/prometheus/promql/parser), the one promtool and the Prometheus server
// use, and reports for each expression its type and every vector selector it reads.
//
// It reads [{"name","expr"}] from the file named by its first argument (or stdin) and writes
// [{"name","type","error","selectors":[{"metric","matchers":{label: value}}],"ranges"}] to stdout, matchers
// written as the hand-written checker in the unit tests writes them ("=~5.." for a regex match,
// the plain value for an equality), so the two can be compared.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

type query struct {
	Name string `json:"name"`
	Expr string `json:"expr"`
}

type selector struct {
	Metric   string            `json:"metric"`
	Matchers map[string]string `json:"matchers"`
}

type parsed struct {
	Name      string     `json:"name"`
	Type      string     `json:"type,omitempty"`
	Error     string     `json:"error,omitempty"`
	Selectors []selector `json:"selectors"`
	// Ranges are the range vectors' windows, in seconds.
	Ranges []float64 `json:"ranges"`
}

func main() {
	var reader io.Reader = os.Stdin
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		reader = f
	}
	var queries []query
	if err := json.NewDecoder(reader).Decode(&queries); err != nil {
		fmt.Fprintln(os.Stderr, "reading input:", err)
		os.Exit(2)
	}
	p := parser.NewParser(parser.Options{})
	out := make([]parsed, 0, len(queries))
	for _, q := range queries {
		r := parsed{Name: q.Name, Selectors: []selector{}, Ranges: []float64{}}
		expr, err := p.ParseExpr(q.Expr)
		if err != nil {
			r.Error = err.Error()
			out = append(out, r)
			continue
		}
		r.Type = string(expr.Type())
		parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
			if ms, ok := node.(*parser.MatrixSelector); ok {
				r.Ranges = append(r.Ranges, ms.Range.Seconds())
			}
			vs, ok := node.(*parser.VectorSelector)
			if !ok {
				return nil
			}
			s := selector{Metric: vs.Name, Matchers: map[string]string{}}
			for _, m := range vs.LabelMatchers {
				if m.Name == labels.MetricName {
					continue
				}
				prefix := ""
				if m.Type != labels.MatchEqual {
					prefix = m.Type.String()
				}
				s.Matchers[m.Name] = prefix + m.Value
			}
			r.Selectors = append(r.Selectors, s)
			return nil
		})
		out = append(out, r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
