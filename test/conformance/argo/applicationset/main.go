// Command applicationset renders ApplicationSets the way Argo CD's ApplicationSet controller does:
// its PullRequest generator, with its GitHub service, lists the open pull requests and builds
// their parameters, then the controller's GenerateApplications renders the template for each with
// Argo CD's renderer. The pull requests come from a GitHub API served on the loopback address,
// answering what the real API answers for the list call; the ApplicationSet's github.api is the
// only field changed, pointed at it. The token Secret the generator reads is served by a fake
// Kubernetes client, and the API refuses a request without that token.
//
// For each rendered Application it also tells which files of the branch it deploys (the case's
// branches: each branch's paths) Argo CD's repo server would read as its manifests: the directory
// source's test, made with the same pattern and Argo CD's own glob matching (util/glob); null
// when the branch does not exist. And whether the case's AppProject lets it deploy there: Argo CD's
// own AppProject.IsDestinationPermitted and IsSourcePermitted, as the controller asks before a sync.
//
// Usage: applicationset INPUT.json, where INPUT is
// {"cases":[{"source","applicationSet","token","appProject","branches":{BRANCH:[PATH...]},"pullRequests":[{"number","title",
// "branch","targetBranch","headSha","labels","author"}]}]}. It prints {"results":[{"source",
// "applications","manifests":{APP:[FILE...]},"permitted":{APP:{"destination","source"}},"error"}]}.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	log "github.com/sirupsen/logrus"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/argoproj/argo-cd/v3/applicationset/controllers/template"
	"github.com/argoproj/argo-cd/v3/applicationset/generators"
	"github.com/argoproj/argo-cd/v3/applicationset/services/github_app_auth"
	"github.com/argoproj/argo-cd/v3/applicationset/utils"
	"github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	"github.com/argoproj/argo-cd/v3/util/glob"
)

// manifestFile is the repo server's test of a file name in a directory source
// (reposerver/repository, unexported there).
var manifestFile = regexp.MustCompile(`^.*\.(yaml|yml|json|jsonnet)$`)

type pullRequest struct {
	Number       int      `json:"number"`
	Title        string   `json:"title"`
	Branch       string   `json:"branch"`
	TargetBranch string   `json:"targetBranch"`
	HeadSHA      string   `json:"headSha"`
	Labels       []string `json:"labels"`
	Author       string   `json:"author"`
}

type testCase struct {
	Source         string              `json:"source"`
	ApplicationSet json.RawMessage     `json:"applicationSet"`
	Token          string              `json:"token"`
	AppProject     json.RawMessage     `json:"appProject"`
	Branches       map[string][]string `json:"branches"`
	PullRequests   []pullRequest       `json:"pullRequests"`
}

type permitted struct {
	Destination bool `json:"destination"`
	Source      bool `json:"source"`
}

type result struct {
	Source       string                 `json:"source"`
	Applications []v1alpha1.Application `json:"applications"`
	Manifests    map[string][]string    `json:"manifests"`
	Permitted    map[string]permitted   `json:"permitted"`
	Error        string                 `json:"error,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: applicationset INPUT.json")
		os.Exit(2)
	}
	// The controller logs each generation at info; the results are what this command reports.
	log.SetOutput(io.Discard)
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var input struct {
		Cases []testCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &input); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	results := []result{}
	for _, c := range input.Cases {
		apps, err := render(c)
		r := result{Source: c.Source, Applications: apps, Manifests: map[string][]string{}, Permitted: map[string]permitted{}}
		project := v1alpha1.AppProject{}
		if err := json.Unmarshal(c.AppProject, &project); err != nil {
			fmt.Fprintf(os.Stderr, "%s: appProject: %v\n", c.Source, err)
			os.Exit(2)
		}
		for _, app := range apps {
			if files, ok := c.Branches[app.Spec.GetSource().TargetRevision]; ok {
				r.Manifests[app.Name] = manifests(app, files)
			} else {
				r.Manifests[app.Name] = nil
			}
			r.Permitted[app.Name] = permittedBy(project, app)
		}
		if err != nil {
			r.Error = err.Error()
		}
		results = append(results, r)
	}
	out, err := json.Marshal(map[string]any{"results": results})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(string(out))
}

// githubPull is the part of GitHub's pull request object the generator reads.
func githubPull(pr pullRequest) map[string]any {
	labels := []map[string]any{}
	for _, l := range pr.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	return map[string]any{
		"number": pr.Number,
		"state":  "open",
		"title":  pr.Title,
		"head":   map[string]any{"ref": pr.Branch, "sha": pr.HeadSHA},
		"base":   map[string]any{"ref": pr.TargetBranch},
		"labels": labels,
		"user":   map[string]any{"login": pr.Author},
	}
}

// githubAPI answers GET /api/v3/repos/OWNER/REPO/pulls (the enterprise layout the GitHub client
// uses for a custom API address) with the case's pull requests, one page, and refuses any other
// request, or one without the expected token.
func githubAPI(owner, repo, token string, pulls []pullRequest) *httptest.Server {
	body := []map[string]any{}
	for _, pr := range pulls {
		body = append(body, githubPull(pr))
	}
	want := fmt.Sprintf("/api/v3/repos/%s/%s/pulls", owner, repo)
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != want {
			http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
			return
		}
		if token != "" && r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
}

func render(c testCase) ([]v1alpha1.Application, error) {
	appSet := v1alpha1.ApplicationSet{}
	dec := json.NewDecoder(bytes.NewReader(c.ApplicationSet))
	// Strict, as the API server's field validation: a field Argo CD does not know is an error.
	dec.DisallowUnknownFields()
	if err := dec.Decode(&appSet); err != nil {
		return nil, fmt.Errorf("decode ApplicationSet: %w", err)
	}
	objects := []client.Object{}
	for i := range appSet.Spec.Generators {
		pr := appSet.Spec.Generators[i].PullRequest
		if pr == nil || pr.Github == nil {
			return nil, fmt.Errorf("generator %d is not a GitHub pullRequest generator", i)
		}
		token := ""
		if ref := pr.Github.TokenRef; ref != nil {
			token = c.Token
			objects = append(objects, &corev1.Secret{
				ObjectMeta: metav1.ObjectMeta{Name: ref.SecretName, Namespace: appSet.Namespace},
				Data:       map[string][]byte{ref.Key: []byte(token)},
			})
		}
		server := githubAPI(pr.Github.Owner, pr.Github.Repo, token, c.PullRequests)
		defer server.Close()
		pr.Github.API = server.URL
	}
	k8s := fake.NewClientBuilder().WithObjects(objects...).Build()
	// As the controller starts by default: SCM providers enabled, none disallowed, no strict
	// token-Secret mode, no GitHub App credentials.
	scm := generators.NewSCMConfig("", nil, true, false, github_app_auth.Credentials(nil), false)
	gens := map[string]generators.Generator{"PullRequest": generators.NewPullRequestGenerator(k8s, scm)}
	apps, _, err := template.GenerateApplications(log.NewEntry(log.StandardLogger()), appSet, gens, &utils.Render{}, k8s)
	return apps, err
}

// manifests is what the repo server's directory source reads of files (paths from the root of
// the branch): the files under the source's path, not recursing unless asked, whose names are
// manifest names, kept by include and dropped by exclude, both matched on the path relative to
// the source's path.
func manifests(app v1alpha1.Application, files []string) []string {
	out := []string{}
	src := app.Spec.GetSource()
	dir := src.Directory
	if dir == nil {
		dir = &v1alpha1.ApplicationSourceDirectory{}
	}
	for _, f := range files {
		rel, err := filepath.Rel(filepath.Clean(src.Path), filepath.Clean(f))
		if err != nil || strings.HasPrefix(rel, "..") || (!dir.Recurse && strings.Contains(rel, "/")) {
			continue
		}
		if !manifestFile.MatchString(filepath.Base(f)) {
			continue
		}
		if dir.Exclude != "" && glob.Match(dir.Exclude, rel) {
			continue
		}
		if dir.Include != "" && !glob.Match(dir.Include, rel) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// permittedBy asks project, as Argo CD does before it syncs app, whether app may deploy from its
// source to its destination; only an Application of that project is.
func permittedBy(project v1alpha1.AppProject, app v1alpha1.Application) permitted {
	if app.Spec.Project != project.Name {
		return permitted{}
	}
	dest := app.Spec.Destination
	// PermitOnlyProjectScopedClusters is unset, so no project-scoped cluster list is consulted.
	ok, err := project.IsDestinationPermitted(&v1alpha1.Cluster{Server: dest.Server, Name: dest.Name}, dest.Namespace, nil)
	return permitted{Destination: ok && err == nil, Source: project.IsSourcePermitted(app.Spec.GetSource())}
}
