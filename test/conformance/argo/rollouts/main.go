// Command rollouts runs Argo Rollouts' own validation over manifests: every Rollout goes through
// the checks the Rollouts controller makes before it acts on one (ValidateRollout, then the
// referenced Services, Ingresses and AnalysisTemplates looked up in the same namespace and
// validated with ValidateRolloutReferencedResources), and every AnalysisTemplate goes through
// the checks the analysis controller makes on the AnalysisRun built from it (argument
// resolution, then ValidateMetrics).
//
// Usage: rollouts INPUT.json, where INPUT is {"groups":[{"source":S,"objects":[...]}]} and one
// group is what one namespace holds. It prints {"results":[{"source","kind","name","errors"}]}
// with one result per Rollout and per AnalysisTemplate; an object Argo cannot decode (an unknown
// field, a wrong type) is a result with that error.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/validation"
	analysisutil "github.com/argoproj/argo-rollouts/utils/analysis"
	ingressutil "github.com/argoproj/argo-rollouts/utils/ingress"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

type group struct {
	Source  string            `json:"source"`
	Objects []json.RawMessage `json:"objects"`
}

type result struct {
	Source string   `json:"source"`
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	Errors []string `json:"errors"`
}

type typeMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
}

// namespace is what the controllers' listers would find in one namespace.
type namespace struct {
	rollouts  []*v1alpha1.Rollout
	templates map[string]*v1alpha1.AnalysisTemplate
	services  map[string]*corev1.Service
	ingresses map[string]*networkingv1.Ingress
}

// strict decodes like the API server's strict field validation: an unknown field is an error,
// so a field Argo does not know cannot pass unnoticed.
func strict(raw []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(into)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rollouts INPUT.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var input struct {
		Groups []group `json:"groups"`
	}
	if err := json.Unmarshal(data, &input); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	results := []result{}
	for _, g := range input.Groups {
		results = append(results, validateGroup(g)...)
	}
	out, _ := json.Marshal(map[string]any{"results": results})
	fmt.Println(string(out))
}

func validateGroup(g group) []result {
	ns := namespace{
		templates: map[string]*v1alpha1.AnalysisTemplate{},
		services:  map[string]*corev1.Service{},
		ingresses: map[string]*networkingv1.Ingress{},
	}
	results := []result{}
	for _, raw := range g.Objects {
		var tm typeMeta
		if err := json.Unmarshal(raw, &tm); err != nil {
			results = append(results, result{Source: g.Source, Kind: "?", Errors: []string{err.Error()}})
			continue
		}
		fail := func(err error) {
			results = append(results, result{Source: g.Source, Kind: tm.Kind, Name: tm.Metadata.Name, Errors: []string{"decode: " + err.Error()}})
		}
		switch {
		case tm.APIVersion == "argoproj.io/v1alpha1" && tm.Kind == "Rollout":
			ro := &v1alpha1.Rollout{}
			if err := strict(raw, ro); err != nil {
				fail(err)
				continue
			}
			ns.rollouts = append(ns.rollouts, ro)
		case tm.APIVersion == "argoproj.io/v1alpha1" && tm.Kind == "AnalysisTemplate":
			at := &v1alpha1.AnalysisTemplate{}
			if err := strict(raw, at); err != nil {
				fail(err)
				continue
			}
			ns.templates[at.Name] = at
		case tm.APIVersion == "v1" && tm.Kind == "Service":
			svc := &corev1.Service{}
			if err := json.Unmarshal(raw, svc); err != nil {
				fail(err)
				continue
			}
			ns.services[svc.Name] = svc
		case tm.APIVersion == "networking.k8s.io/v1" && tm.Kind == "Ingress":
			ing := &networkingv1.Ingress{}
			if err := json.Unmarshal(raw, ing); err != nil {
				fail(err)
				continue
			}
			ns.ingresses[ing.Name] = ing
		}
	}
	for _, ro := range ns.rollouts {
		results = append(results, result{Source: g.Source, Kind: "Rollout", Name: ro.Name, Errors: messages(validateRollout(ro, ns))})
	}
	for _, at := range ns.templates {
		results = append(results, result{Source: g.Source, Kind: "AnalysisTemplate", Name: at.Name, Errors: validateTemplate(at)})
	}
	return results
}

func messages(errs field.ErrorList) []string {
	out := []string{}
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// validateRollout follows the Rollouts controller's getRolloutValidationErrors: the spec first,
// then the resources it references, each looked up by name in the Rollout's namespace, a missing
// one an error as the controller's lister would make it.
func validateRollout(ro *v1alpha1.Rollout, ns namespace) field.ErrorList {
	errs := validation.ValidateRollout(ro)
	refs := validation.ReferencedResources{}
	service := func(name string, t validation.ServiceType) {
		if name == "" {
			return
		}
		if svc, ok := ns.services[name]; ok {
			refs.ServiceWithType = append(refs.ServiceWithType, validation.ServiceWithType{Service: svc, Type: t})
		} else {
			errs = append(errs, field.Invalid(validation.GetServiceWithTypeFieldPath(t), name, fmt.Sprintf("services %q not found", name)))
		}
	}
	analysis := func(a *v1alpha1.RolloutAnalysis, t validation.AnalysisTemplateType, step int) {
		withType := validation.AnalysisTemplatesWithType{TemplateType: t, CanaryStepIndex: step, Args: a.Args}
		for _, ref := range a.Templates {
			at, ok := ns.templates[ref.TemplateName]
			if ref.IsClusterScope() || !ok {
				errs = append(errs, field.Invalid(validation.GetAnalysisTemplateWithTypeFieldPath(t, step), ref.TemplateName, fmt.Sprintf("AnalysisTemplate '%s' not found", ref.TemplateName)))
				continue
			}
			// The controller hands validation its own copy from the informer cache.
			withType.AnalysisTemplates = append(withType.AnalysisTemplates, at.DeepCopy())
		}
		refs.AnalysisTemplatesWithType = append(refs.AnalysisTemplatesWithType, withType)
	}
	if bg := ro.Spec.Strategy.BlueGreen; bg != nil {
		service(bg.ActiveService, validation.ActiveService)
		service(bg.PreviewService, validation.PreviewService)
		if bg.PrePromotionAnalysis != nil {
			analysis(bg.PrePromotionAnalysis, validation.PrePromotionAnalysis, 0)
		}
		if bg.PostPromotionAnalysis != nil {
			analysis(bg.PostPromotionAnalysis, validation.PostPromotionAnalysis, 0)
		}
	} else if canary := ro.Spec.Strategy.Canary; canary != nil {
		service(canary.StableService, validation.StableService)
		service(canary.CanaryService, validation.CanaryService)
		for i, step := range canary.Steps {
			if step.Analysis != nil {
				analysis(step.Analysis, validation.InlineAnalysis, i)
			}
		}
		if canary.Analysis != nil {
			analysis(&canary.Analysis.RolloutAnalysis, validation.BackgroundAnalysis, 0)
		}
		if err := validation.ValidateRolloutNginxIngressesConfig(ro); err != nil {
			errs = append(errs, field.InternalError(field.NewPath("spec", "strategy", "canary", "trafficRouting", "nginx"), err))
		}
		if err := validation.ValidateRolloutAlbIngressesConfig(ro); err != nil {
			errs = append(errs, field.InternalError(field.NewPath("spec", "strategy", "canary", "trafficRouting", "alb"), err))
		}
		if tr := canary.TrafficRouting; tr != nil && tr.Nginx != nil {
			names := tr.Nginx.StableIngresses
			if len(names) == 0 {
				names = []string{tr.Nginx.StableIngress}
			}
			for _, name := range names {
				if ing, ok := ns.ingresses[name]; ok {
					refs.Ingresses = append(refs.Ingresses, *ingressutil.NewIngress(ing))
				} else {
					errs = append(errs, field.Invalid(field.NewPath("spec", "strategy", "canary", "trafficRouting", "nginx", "stableIngress"), name, fmt.Sprintf("ingress %q not found", name)))
				}
			}
		}
	}
	return append(errs, validation.ValidateRolloutReferencedResources(ro, refs)...)
}

// validateTemplate follows the analysis controller on the AnalysisRun a Rollout would create from
// the template: the run is built from it (argument checks), its metrics resolved against the
// arguments, then ValidateMetrics. An argument without a value is given a placeholder, as the
// Rollout supplies it at run time (the Rollout-side check above covers that it does).
func validateTemplate(at *v1alpha1.AnalysisTemplate) []string {
	tpl := at.DeepCopy()
	args := []v1alpha1.Argument{}
	for _, a := range tpl.Spec.Args {
		if a.Value == nil && a.ValueFrom == nil {
			v := "placeholder"
			a.Value = &v
		}
		args = append(args, a)
	}
	run, err := analysisutil.NewAnalysisRunFromTemplates([]*v1alpha1.AnalysisTemplate{tpl}, nil, args, nil, nil, nil, nil, "run", "", tpl.Namespace)
	if err != nil {
		return []string{"build AnalysisRun: " + err.Error()}
	}
	errs := []string{}
	resolved := []v1alpha1.Metric{}
	for _, m := range run.Spec.Metrics {
		r, err := analysisutil.ResolveMetricArgs(m, run.Spec.Args)
		if err != nil {
			errs = append(errs, fmt.Sprintf("metric %s: resolve arguments: %v", m.Name, err))
			continue
		}
		resolved = append(resolved, *r)
	}
	if len(errs) > 0 {
		return errs
	}
	if err := analysisutil.ValidateMetrics(resolved); err != nil {
		errs = append(errs, err.Error())
	}
	return errs
}
