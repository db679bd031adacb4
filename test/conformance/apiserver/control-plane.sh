# A throwaway Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager.
# No kubelet and no scheduler: objects are stored and admitted, controllers create ReplicaSets and
# Pods, and Pods stay Pending. Source it after lib.sh, then:
#   control_plane_start DIR APISERVER CONTROLLER_MANAGER
# It sets CP_URL, CP_CA, CP_CERT, CP_KEY and CP_KUBECONFIG. The caller traps EXIT (and INT/TERM)
# to control_plane_stop before starting, so every process started here is ended and DIR removed
# however the script ends, a failed start-up included.

CP_PIDS=()

_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

_control_plane_certs() {
  local d="$1"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=paved-conformance-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    # Serving certificate: the names in-cluster clients use, and loopback for this script.
    cat >server.ext <<'EXT'
subjectAltName = DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP:127.0.0.1, IP:10.0.0.1
extendedKeyUsage = serverAuth
EXT
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout server.key -out server.csr 2>/dev/null
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \
      -extfile server.ext -out server.crt 2>/dev/null
    # Clients: cluster-admin for the suite, the controller manager's own identity for its RBAC.
    printf 'extendedKeyUsage = clientAuth\n' >client.ext
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=paved-conformance" \
      -keyout admin.key -out admin.csr 2>/dev/null
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \
      -extfile client.ext -out admin.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=system:kube-controller-manager" \
      -keyout kcm.key -out kcm.csr 2>/dev/null
    openssl x509 -req -in kcm.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \
      -extfile client.ext -out kcm.crt 2>/dev/null
    # Service account tokens are signed by the API server and the token controller.
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  )
}

_kubeconfig() {
  local url="$1" ca="$2" cert="$3" key="$4"
  cat <<KC
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster: { server: "$url", certificate-authority: "$ca" }
users:
- name: user
  user: { client-certificate: "$cert", client-key: "$key" }
contexts:
- name: local
  context: { cluster: local, user: user }
current-context: local
KC
}

control_plane_stop() {
  # Newest first (controller manager, API server, etcd): the API server's graceful shutdown
  # needs etcd. Each gets 15 seconds after SIGTERM, then SIGKILL.
  local i pid n
  for ((i = ${#CP_PIDS[@]} - 1; i >= 0; i--)); do
    pid="${CP_PIDS[$i]}"
    kill "$pid" 2>/dev/null || continue
    for n in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  CP_PIDS=()
  if [ -n "${CP_DIR:-}" ] && [ -d "$CP_DIR" ]; then
    if [ -n "${CP_KEEP_LOGS:-}" ]; then
      mkdir -p "$CP_KEEP_LOGS" && cp "$CP_DIR"/*.log "$CP_KEEP_LOGS"/ 2>/dev/null || true
    fi
    rm -rf "$CP_DIR"
  fi
}

_wait_ready() {
  local what="$1" pid="$2" log="$3"; shift 3
  local i
  for i in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      conformance_log "$what exited during start-up; last lines of its log:"
      tail -n 30 "$log" >&2
      return 1
    fi
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  conformance_log "$what not ready after 120s; last lines of its log:"
  tail -n 30 "$log" >&2
  return 1
}

control_plane_start() {
  CP_DIR="$1"
  local apiserver="$2" kcm="$3"
  mkdir -p "$CP_DIR"
  _control_plane_certs "$CP_DIR"

  local etcd_port peer_port api_port
  etcd_port="$(_free_port)"; peer_port="$(_free_port)"; api_port="$(_free_port)"
  etcd --name paved --data-dir "$CP_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "paved=http://127.0.0.1:$peer_port" --log-level warn \
    >"$CP_DIR/etcd.log" 2>&1 &
  CP_PIDS+=("$!")
  _wait_ready etcd "$!" "$CP_DIR/etcd.log" curl -fsS "http://127.0.0.1:$etcd_port/health" || return 1

  CP_URL="https://127.0.0.1:$api_port"
  CP_CA="$CP_DIR/ca.crt"; CP_CERT="$CP_DIR/admin.crt"; CP_KEY="$CP_DIR/admin.key"
  "$apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$CP_DIR/server.crt" --tls-private-key-file "$CP_DIR/server.key" \
    --client-ca-file "$CP_DIR/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$CP_DIR/sa.pub" --service-account-signing-key-file "$CP_DIR/sa.key" \
    --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode RBAC \
    --endpoint-reconciler-type none \
    --cert-dir "$CP_DIR/apiserver-certs" \
    --profiling=false --v 1 \
    >"$CP_DIR/kube-apiserver.log" 2>&1 &
  CP_PIDS+=("$!")
  _wait_ready kube-apiserver "$!" "$CP_DIR/kube-apiserver.log" \
    curl -fsS --cacert "$CP_CA" --cert "$CP_CERT" --key "$CP_KEY" "$CP_URL/readyz" || return 1

  CP_KUBECONFIG="$CP_DIR/admin.kubeconfig"
  _kubeconfig "$CP_URL" "$CP_CA" "$CP_CERT" "$CP_KEY" >"$CP_KUBECONFIG"
  _kubeconfig "$CP_URL" "$CP_CA" "$CP_DIR/kcm.crt" "$CP_DIR/kcm.key" >"$CP_DIR/kcm.kubeconfig"
  "$kcm" \
    --kubeconfig "$CP_DIR/kcm.kubeconfig" \
    --authentication-kubeconfig "$CP_DIR/kcm.kubeconfig" --authorization-kubeconfig "$CP_DIR/kcm.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 0 \
    --service-account-private-key-file "$CP_DIR/sa.key" --root-ca-file "$CP_DIR/ca.crt" \
    --use-service-account-credentials \
    --leader-elect=false --controllers '*' \
    --v 1 \
    >"$CP_DIR/kube-controller-manager.log" 2>&1 &
  CP_PIDS+=("$!")
  # Ready once it has started its controllers: the default ServiceAccount appears in "default".
  _wait_ready kube-controller-manager "$!" "$CP_DIR/kube-controller-manager.log" \
    curl -fsS --cacert "$CP_CA" --cert "$CP_CERT" --key "$CP_KEY" "$CP_URL/api/v1/namespaces/default/serviceaccounts/default" || return 1
  export CP_URL CP_CA CP_CERT CP_KEY CP_KUBECONFIG
}
