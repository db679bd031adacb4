// Command psa evaluates pod specs with the upstream Pod Security Admission evaluator
// (k8s.io/pod-security-admission/policy), the code the API server runs for the
// pod-security.kubernetes.io namespace labels.
//
// It reads {"cases":[{"name","metadata","spec"}]} from the file named by its first argument
// (or stdin) and writes, for every case and every level/version asked for, whether the pod is
// allowed and which checks forbid it, as JSON on stdout. Unknown fields in a spec are an error:
// a misspelled field would be ignored by the evaluator and make a mutation a no-op.
//
// Per-check attribution runs each check alone and applies upstream's overrides (a restricted
// check replacing its baseline counterpart); the harness fails if that attribution does not
// agree with the verdict of the full evaluator, so the attribution can never drift from it.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type input struct {
	Versions []string `json:"versions"`
	Levels   []string `json:"levels"`
	Cases    []struct {
		Name     string          `json:"name"`
		Metadata json.RawMessage `json:"metadata"`
		Spec     json.RawMessage `json:"spec"`
	} `json:"cases"`
}

type forbidden struct {
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

type evaluation struct {
	Allowed bool                 `json:"allowed"`
	Checks  map[string]forbidden `json:"checks"`
}

type result struct {
	Name        string                `json:"name"`
	Evaluations map[string]evaluation `json:"evaluations"`
}

type output struct {
	Module  string   `json:"module"`
	Checks  []string `json:"checks"`
	Results []result `json:"results"`
}

// strict decodes JSON into v, refusing fields the Kubernetes types do not have.
func strict(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// applicable is the revision of check that policy version v runs, or nil before its first one.
func applicable(check policy.Check, v api.Version) *policy.VersionedCheck {
	var found *policy.VersionedCheck
	for i := range check.Versions {
		c := check.Versions[i]
		if v.Latest() || !v.Older(c.MinimumVersion) {
			found = &check.Versions[i]
		}
	}
	return found
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "psa: "+format+"\n", args...)
	os.Exit(2)
}

func main() {
	var reader io.Reader = os.Stdin
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fail("%v", err)
		}
		defer f.Close()
		reader = f
	}
	var in input
	if err := json.NewDecoder(reader).Decode(&in); err != nil {
		fail("reading input: %v", err)
	}
	if len(in.Versions) == 0 {
		in.Versions = []string{"latest"}
	}
	if len(in.Levels) == 0 {
		in.Levels = []string{"restricted"}
	}

	checks := policy.DefaultChecks()
	full, err := policy.NewEvaluator(checks, nil)
	if err != nil {
		fail("evaluator: %v", err)
	}
	single := map[policy.CheckID]policy.Evaluator{}
	var ids []string
	for _, c := range checks {
		e, err := policy.NewEvaluator([]policy.Check{c}, nil)
		if err != nil {
			fail("evaluator for %s: %v", c.ID, err)
		}
		single[c.ID] = e
		ids = append(ids, string(c.ID))
	}
	sort.Strings(ids)

	out := output{Module: "k8s.io/pod-security-admission", Checks: ids}
	for _, c := range in.Cases {
		var meta metav1.ObjectMeta
		var spec corev1.PodSpec
		if err := strict(c.Metadata, &meta); err != nil {
			fail("case %s: metadata: %v", c.Name, err)
		}
		if err := strict(c.Spec, &spec); err != nil {
			fail("case %s: spec: %v", c.Name, err)
		}
		r := result{Name: c.Name, Evaluations: map[string]evaluation{}}
		for _, levelName := range in.Levels {
			level, err := api.ParseLevel(levelName)
			if err != nil {
				fail("%v", err)
			}
			for _, versionName := range in.Versions {
				version, err := api.ParseVersion(versionName)
				if err != nil {
					fail("%v", err)
				}
				lv := api.LevelVersion{Level: level, Version: version}
				whole := policy.AggregateCheckResults(full.EvaluatePod(lv, &meta, &spec))

				// The baseline checks a restricted check replaces at this version are not run.
				overridden := map[policy.CheckID]bool{}
				if level == api.LevelRestricted {
					for _, check := range checks {
						if v := applicable(check, version); check.Level == api.LevelRestricted && v != nil {
							for _, o := range v.OverrideCheckIDs {
								overridden[o] = true
							}
						}
					}
				}
				e := evaluation{Allowed: whole.Allowed, Checks: map[string]forbidden{}}
				for _, check := range checks {
					if overridden[check.ID] || (level == api.LevelBaseline && check.Level == api.LevelRestricted) {
						continue
					}
					own := api.LevelVersion{Level: check.Level, Version: version}
					for _, res := range single[check.ID].EvaluatePod(own, &meta, &spec) {
						if !res.Allowed {
							e.Checks[string(check.ID)] = forbidden{Reason: res.ForbiddenReason, Detail: res.ForbiddenDetail}
						}
					}
				}
				if (len(e.Checks) == 0) != whole.Allowed || len(e.Checks) != len(whole.ForbiddenReasons) {
					fail("case %s at %s: per-check attribution %v disagrees with the evaluator's %q", c.Name, lv.String(), e.Checks, whole.ForbiddenReasons)
				}
				r.Evaluations[levelName+"/"+versionName] = e
			}
		}
		out.Results = append(out.Results, r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fail("%v", err)
	}
}
