{{/* The release's prefix of every object name. */}}
{{- define "cmb.fullname" -}}
{{- if contains "cmb" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-cmb" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of a component's objects: <fullname>-<component>. */}}
{{- define "cmb.componentName" -}}
{{- printf "%s-%s" (include "cmb.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "cmb.labels" -}}
app.kubernetes.io/name: cmb-federation
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component's pods. */}}
{{- define "cmb.selectorLabels" -}}
app.kubernetes.io/name: cmb-federation
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* `care-pathways` → `CARE_PATHWAYS`, as in SUBGRAPH_<NAME>_URL. */}}
{{- define "cmb.envName" -}}
{{- . | upper | replace "-" "_" -}}
{{- end -}}

{{/* A component's image. */}}
{{- define "cmb.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .component (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* The CloudNativePG cluster name of a database. */}}
{{- define "cmb.databaseCluster" -}}
{{- printf "%s-%s-db" (include "cmb.fullname" .root) .database | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* The internal CA issuer that signs the mutual-TLS certificates. */}}
{{- define "cmb.caIssuerName" -}}
{{- if .Values.tls.createCa -}}
{{- printf "%s-internal-ca" (include "cmb.fullname" .) -}}
{{- else -}}
{{- required "tls.issuerRef.name is required when tls.createCa is false" .Values.tls.issuerRef.name -}}
{{- end -}}
{{- end -}}

{{/* One environment variable per secret variable, each from the component's existing Secret under its own name. */}}
{{- define "cmb.secretEnv" -}}
{{- $secret := required (printf "%s: existingSecret is required" .component) .values.existingSecret -}}
{{- range .values.secretVariables }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- end -}}

{{/* Plain environment variables of a map, sorted. */}}
{{- define "cmb.plainEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Variables every process reads the same way: traces. */}}
{{- define "cmb.commonEnv" -}}
- name: NODE_ENV
  value: production
{{- with .Values.observability.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The pod's security context. */}}
{{- define "cmb.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{/* Spread a component's pods over nodes and zones: the loss of one node leaves the others serving. */}}
{{- define "cmb.spread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "cmb.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "cmb.selectorLabels" . | nindent 8 }}
{{- end -}}

{{/* The mounts of the CA of each database a component reads (CloudNativePG's own CA, for sslmode=verify-full). */}}
{{- define "cmb.databaseCaVolumes" -}}
{{- $root := .root -}}
{{- if $root.Values.cloudnativepg.enabled }}
{{- range .databases }}
- name: db-ca-{{ . }}
  secret:
    secretName: {{ include "cmb.databaseCluster" (dict "root" $root "database" .) }}-ca
    items:
      - key: ca.crt
        path: ca.crt
{{- end }}
{{- end }}
{{- end -}}

{{- define "cmb.databaseCaMounts" -}}
{{- if .root.Values.cloudnativepg.enabled }}
{{- range .databases }}
- name: db-ca-{{ . }}
  mountPath: /etc/cmb/db-ca/{{ . }}
  readOnly: true
{{- end }}
{{- end }}
{{- end -}}

{{/* The databases by name, Keycloak's included when its operator example is on (as JSON: a dict survives include that way). */}}
{{- define "cmb.databases" -}}
{{- $databases := deepCopy .Values.databases -}}
{{- if .Values.keycloak.operator.enabled -}}
{{- $_ := set $databases "keycloak" (dict "clients" (list "keycloak")) -}}
{{- end -}}
{{- toJson $databases -}}
{{- end -}}

{{/*
  The realm of auth/realm/cmb-realm.json (the single source of truth for
  clients, scopes and purposes), made fit for a real Keycloak, as JSON: its
  development users (with passwords) left out, only the service accounts
  kept; each confidential client's development secret replaced by a
  placeholder `${CLIENT_SECRET_<CLIENT_ID>}` the operator fills from a
  Secret; the consoles' root URL, redirect URIs, post-logout redirect URIs
  and web origins set to consoleOrigins;
  only the clients of keycloak.realmImport.keepClients when it lists any.
*/}}
{{- define "cmb.realm" -}}
{{- $kc := .Values.keycloak -}}
{{- $realm := .Files.Get "files/keycloak/cmb-realm.json" | fromJson -}}
{{- $keep := $kc.realmImport.keepClients -}}
{{- $clients := list -}}
{{- range $client := $realm.clients -}}
{{- if or (empty $keep) (has $client.clientId $keep) -}}
{{- if $client.secret -}}
{{- $_ := set $client "secret" (printf "${CLIENT_SECRET_%s}" (include "cmb.envName" $client.clientId)) -}}
{{- end -}}
{{- if $client.publicClient -}}
{{- $uris := list -}}
{{- range $origin := $.Values.consoleOrigins -}}
{{- $uris = append $uris (printf "%s/*" $origin) -}}
{{- end -}}
{{- $_ := set $client "redirectUris" $uris -}}
{{- $_ := set $client "webOrigins" $.Values.consoleOrigins -}}
{{- range $field := list "rootUrl" "baseUrl" "adminUrl" -}}
{{- if hasKey $client $field -}}
{{- $_ := set $client $field (first $.Values.consoleOrigins) -}}
{{- end -}}
{{- end -}}
{{- $attributes := $client.attributes | default dict -}}
{{- $_ := set $attributes "post.logout.redirect.uris" (join "##" $uris) -}}
{{- $_ := set $client "attributes" $attributes -}}
{{- end -}}
{{- $clients = append $clients $client -}}
{{- end -}}
{{- end -}}
{{- $users := list -}}
{{- range $user := $realm.users -}}
{{- if and $user.serviceAccountClientId (or (empty $keep) (has $user.serviceAccountClientId $keep)) -}}
{{- $users = append $users (omit $user "credentials") -}}
{{- end -}}
{{- end -}}
{{- $_ := set $realm "clients" $clients -}}
{{- $_ := set $realm "users" $users -}}
{{- $_ := set $realm "displayName" "CMB federation" -}}
{{- $_ := set $realm "sslRequired" "all" -}}
{{- /* Officers read the national audit trail with a password: a policy, and a lockout well before 30 failures. */ -}}
{{- $_ := set $realm "passwordPolicy" $kc.realmImport.passwordPolicy -}}
{{- $_ := set $realm "failureFactor" $kc.realmImport.failureFactor -}}
{{- $_ := set $realm "attributes" (omit $realm.attributes "cmb.notice") -}}
{{- toJson $realm -}}
{{- end -}}
