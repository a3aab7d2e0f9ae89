#compdef virtctl

autoload -U is-at-least

_virtctl() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl_commands" \
"*::: :->virtctl" \
&& ret=0
    case $state in
    (virtctl)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-command-$line[1]:"
        case $line[1] in
            (start)
_arguments "${_arguments_options[@]}" : \
'--paused=[--paused=false\: If set to true, start virtual machine in paused state]::PAUSED:_default' \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
'--force=[--force=false\: Only used when grace-period=0. If true, immediately remove VMI pod from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation]::FORCE:_default' \
'--grace-period=[--grace-period=-1\: Period of time in seconds given to the VMI to terminate gracefully. Can only be set to 0 when --force is true (force deletion). Currently only setting 0 is supported. \[default\: -1\]]:int:_default' \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
'--force=[--force=false\: Only used when grace-period=0. If true, immediately remove VMI pod from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation]::FORCE:_default' \
'--grace-period=[--grace-period=-1\: Period of time in seconds given to the VMI to terminate gracefully. Can only be set to 0 when --force is true (force deletion). Currently only setting 0 is supported. \[default\: -1\]]:int:_default' \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(pause)
_arguments "${_arguments_options[@]}" : \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(unpause)
_arguments "${_arguments_options[@]}" : \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(migrate)
_arguments "${_arguments_options[@]}" : \
'*--addedNodeSelector=[--addedNodeSelector=key=value1,key2=value2\: configure an additional node selector for the one-off migration attempt. AddedNodeSelector can only restrict constraints already set on the VM. By default the scheduler is responsible for finding the best Node, which is the recommended way of migrating VMs]:stringToString:_default' \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(migrate-cancel)
_arguments "${_arguments_options[@]}" : \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(evacuate-cancel)
_arguments "${_arguments_options[@]}" : \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(soft-reboot)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(guestosinfo)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(userlist)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(fslist)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
'-o+[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--output=[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'*--check=[Run only these checks (names, aliases or globs such as '\''Virt*Down'\''; comma-separated or repeated)]:NAME:_default' \
'*--component=[Only these components\: hco,virt,cdi,cnao,kmp,ssp,hpp,node,vm-workload]:LIST:_default' \
'*--skip=[Leave these checks out (names, aliases or globs)]:NAME:_default' \
'--node=[Scope node checks to this node (NodeDrainReadiness then evaluates it even if schedulable)]:NAME:_default' \
'--fail-on=[Lowest status that makes the exit code 2\: critical or warning]:FAIL_ON:(critical warning)' \
'--log-window=[Cap on the log window of log scans (e.g. 10m)]:DURATION:_default' \
'--max-guest-probes=[Cap on per-VMI guest file system probes]:N:_default' \
'--prometheus=[Prometheus endpoint\: auto, off, https\://HOST (e.g. the thanos-querier Route) or svc\://NAMESPACE/SERVICE\:PORT]:auto|off|URL:_default' \
'--alertmanager=[Alertmanager endpoint\: auto, off, https\://HOST (e.g. the alertmanager-main Route) or svc\://NAMESPACE/SERVICE\:PORT]:auto|off|URL:_default' \
'--prometheus-token-file=[Bearer token file for Prometheus/Alertmanager (never printed)]:PATH:_default' \
'--prometheus-ca-file=[CA bundle for Prometheus/Alertmanager]:PATH:_default' \
'--timeout=[Bound on the whole run]:DURATION:_default' \
'--kubevirt-namespace=[Namespace of KubeVirt (skips discovery)]:NS:_default' \
'--hco-namespace=[Namespace of the HyperConverged CR (skips discovery)]:NS:_default' \
'--cdi-namespace=[Namespace of CDI (skips discovery)]:NS:_default' \
'*--component-namespace=[A component'\''s namespace, as component=namespace (repeatable)]:COMPONENT=NS:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'--list[Print the catalog of checks; needs no cluster]' \
'--all[Also run the checks that are off by default (retired or noisy alerts)]' \
'--problems-only[Show only warning and critical results in the table]' \
'--no-logs[Never read pod logs]' \
'--kubelet-stats[Allow reading kubelet stats through nodes/proxy (not implemented yet\: the report says so)]' \
'--scrape[Allow scraping component /metrics through pods/proxy (not implemented yet\: the report says so)]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl__subcmd__doctor_commands" \
"*::: :->doctor" \
&& ret=0

    case $state in
    (doctor)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-doctor-command-$line[1]:"
        case $line[1] in
            (checkup)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl__subcmd__doctor__subcmd__checkup_commands" \
"*::: :->checkup" \
&& ret=0

    case $state in
    (checkup)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-doctor-checkup-command-$line[1]:"
        case $line[1] in
            (vm-latency)
_arguments "${_arguments_options[@]}" : \
'--nad=[The NetworkAttachmentDefinition the two VMs attach to]:NAME:_default' \
'--nad-namespace=[Namespace of the NetworkAttachmentDefinition (default\: the checkup'\''s namespace)]:NS:_default' \
'--max-latency=[Highest acceptable latency; above it the checkup fails (whole milliseconds)]:DURATION:_default' \
'--sample-duration=[How long latency is sampled (whole seconds)]:DURATION:_default' \
'--source-node=[Node of the first VM (needs --target-node)]:NODE:_default' \
'--target-node=[Node of the second VM (needs --source-node)]:NODE:_default' \
'--checkup-timeout=[The checkup'\''s own time limit (doctor waits one minute longer)]:DURATION:_default' \
'--image=[The checkup image (default on OpenShift\: the one matching the OpenShift Virtualization version)]:IMAGE:_default' \
'-o+[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--output=[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'--keep[Leave the Job, ConfigMap and RBAC objects in place afterwards]' \
'--dry-run[Print the manifests that would be created and stop]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'-o+[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--output=[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'::name -- The checkup ConfigMap:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-doctor-checkup-help-command-$line[1]:"
        case $line[1] in
            (vm-latency)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(vm)
_arguments "${_arguments_options[@]}" : \
'-o+[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--output=[Report format\: table, json or yaml]:OUTPUT:(table json yaml)' \
'--fail-on=[Lowest status that makes the exit code 2\: critical or warning]:FAIL_ON:(critical warning)' \
'--timeout=[Bound on the whole run]:DURATION:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'--no-logs[Never read pod logs]' \
'-h[Print help]' \
'--help[Print help]' \
':name -- The VirtualMachine'\''s name:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__doctor__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-doctor-help-command-$line[1]:"
        case $line[1] in
            (checkup)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup_commands" \
"*::: :->checkup" \
&& ret=0

    case $state in
    (checkup)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-doctor-help-checkup-command-$line[1]:"
        case $line[1] in
            (vm-latency)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(vm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(console)
_arguments "${_arguments_options[@]}" : \
'--timeout=[The number of minutes to wait for the virtual machine instance to be ready]:TIMEOUT:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(port-forward)
_arguments "${_arguments_options[@]}" : \
'--address=[Address to bind to]:string:_default' \
'--stdio=[Forward a single port over stdin/stdout instead of opening local listeners]::STDIO:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(vnc)
_arguments "${_arguments_options[@]}" : \
'--address=[--address=127.0.0.1\: Setting this will change the listening address of the VNC server. Example\: --address=0.0.0.0 will make the server listen on all interfaces]:string:_default' \
'--port=[--port=0\: Assigning a port value to this will try to run the proxy on the given port if the port is accessible; If unassigned, the proxy will run on a random port]:int:_default' \
'--proxy-only=[--proxy-only=false\: Setting this true will run only the virtctl vnc proxy and show the port where VNC viewers can connect]::PROXY_ONLY:_default' \
'--preserve-session=[--preserve-session=false\: Setting this to true will not disconnect an existing VNC session; the connection is refused instead]::PRESERVE_SESSION:_default' \
'--vnc-type=[--vnc-type=""\: Viewer to launch\: tiger, chicken, real or remote-viewer (default\: detect)]:string:_default' \
'--vnc-path=[--vnc-path=""\: Path of the viewer binary (with --vnc-type)]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'::values:_default' \
":: :_virtctl__subcmd__vnc_commands" \
"*::: :->vnc" \
&& ret=0

    case $state in
    (vnc)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-vnc-command-$line[2]:"
        case $line[2] in
            (screenshot)
_arguments "${_arguments_options[@]}" : \
'-f+[File where the screenshot will be stored (PNG; - for standard output)]:string:_default' \
'--file=[File where the screenshot will be stored (PNG; - for standard output)]:string:_default' \
'-m+[Move the cursor to wake up a screensaver before taking the screenshot]::MOVE_CURSOR:_default' \
'--move-cursor=[Move the cursor to wake up a screensaver before taking the screenshot]::MOVE_CURSOR:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__vnc__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-vnc-help-command-$line[1]:"
        case $line[1] in
            (screenshot)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(ssh)
_arguments "${_arguments_options[@]}" : \
'-l+[Username for the remote user (default\: \$USER, \$USERNAME or \$LOGNAME); \`user@\` in the target overrides it]:string:_default' \
'--username=[Username for the remote user (default\: \$USER, \$USERNAME or \$LOGNAME); \`user@\` in the target overrides it]:string:_default' \
'-i+[Path to the SSH private key; passed to ssh only when given (default "\$HOME/.ssh/id_rsa")]:string:_default' \
'--identity-file=[Path to the SSH private key; passed to ssh only when given (default "\$HOME/.ssh/id_rsa")]:string:_default' \
'--known-hosts=[Path to the known_hosts file; unused by the local ssh client (default "\$HOME/.ssh/kubevirt_known_hosts"), pass -t "-o UserKnownHostsFile=..." instead]:string:_default' \
'-p+[Target port on the VM]:int:_default' \
'--port=[Target port on the VM]:int:_default' \
'*-t+[Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"]:stringArray:_default' \
'*--local-ssh-opts=[Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"]:stringArray:_default' \
'--local-ssh=[Use the locally installed ssh/scp (the default); --local-ssh=false uses the built-in client (ssh\: commands and interactive shells, ssh-agent then -i keys; scp\: the scp protocol); --local-ssh-opts implies --local-ssh]::LOCAL_SSH:_default' \
'-c+[Specify a command to execute in the VM]:string:_default' \
'--command=[Specify a command to execute in the VM]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(scp)
_arguments "${_arguments_options[@]}" : \
'-l+[Username for the remote user (default\: \$USER, \$USERNAME or \$LOGNAME); \`user@\` in the target overrides it]:string:_default' \
'--username=[Username for the remote user (default\: \$USER, \$USERNAME or \$LOGNAME); \`user@\` in the target overrides it]:string:_default' \
'-i+[Path to the SSH private key; passed to ssh only when given (default "\$HOME/.ssh/id_rsa")]:string:_default' \
'--identity-file=[Path to the SSH private key; passed to ssh only when given (default "\$HOME/.ssh/id_rsa")]:string:_default' \
'--known-hosts=[Path to the known_hosts file; unused by the local ssh client (default "\$HOME/.ssh/kubevirt_known_hosts"), pass -t "-o UserKnownHostsFile=..." instead]:string:_default' \
'-p+[Target port on the VM]:int:_default' \
'--port=[Target port on the VM]:int:_default' \
'*-t+[Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"]:stringArray:_default' \
'*--local-ssh-opts=[Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"]:stringArray:_default' \
'--local-ssh=[Use the locally installed ssh/scp (the default); --local-ssh=false uses the built-in client (ssh\: commands and interactive shells, ssh-agent then -i keys; scp\: the scp protocol); --local-ssh-opts implies --local-ssh]::LOCAL_SSH:_default' \
'-r+[Recursively copy entire directories]::RECURSIVE:_default' \
'--recursive=[Recursively copy entire directories]::RECURSIVE:_default' \
'--preserve=[Preserve access and modification times, and modes, of the copied files]::PRESERVE:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(usbredir)
_arguments "${_arguments_options[@]}" : \
'--no-launch=[--no-launch=false\: Only start the proxy; a usbredir client is not launched]::NO_LAUNCH:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
'-c+[Client version only (no server required)]::CLIENT:_default' \
'--client=[Client version only (no server required)]::CLIENT:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
'--no-descriptions=[disable completion descriptions]::NO_DESCRIPTIONS:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
':shell -- The shell to generate the script for:(bash zsh fish powershell)' \
&& ret=0
;;
(image-upload)
_arguments "${_arguments_options[@]}" : \
'--access-mode=[--access-mode='\'''\''\: The access mode for the PVC]:string:_default' \
'--archive-path=[--archive-path='\'''\''\: Path to the local archive]:string:_default' \
'--block-volume=[Deprecated\: use --volume-mode=block]::BLOCK_VOLUME:_default' \
'--datasource=[--datasource=false\: Create a DataSource pointing to the created DataVolume/PVC]::DATASOURCE:_default' \
'--default-instancetype=[--default-instancetype='\'''\''\: The default instance type to associate with the image]:string:_default' \
'--default-instancetype-kind=[--default-instancetype-kind='\'''\''\: The default instance type kind to associate with the image]:string:_default' \
'--default-preference=[--default-preference='\'''\''\: The default preference to associate with the image]:string:_default' \
'--default-preference-kind=[--default-preference-kind='\'''\''\: The default preference kind to associate with the image]:string:_default' \
'--force-bind=[--force-bind=false\: Force bind the PVC, ignoring the WaitForFirstConsumer logic]::FORCE_BIND:_default' \
'--image-path=[--image-path='\'''\''\: Path to the local VM image]:string:_default' \
'--insecure=[--insecure=false\: Allow insecure server connections when using HTTPS]::INSECURE:_default' \
'--no-create=[--no-create=false\: Don'\''t attempt to create a new DataVolume/PVC]::NO_CREATE:_default' \
'--pvc-name=[Deprecated\: give the name as the second argument]:string:_default' \
'--pvc-size=[Deprecated\: use --size]:string:_default' \
'--retry=[--retry=5\: When upload server returns a transient error, we retry this number of times before giving up]:uint:_default' \
'--size=[--size='\'''\''\: The size of the DataVolume to create (ex. 10Gi, 500Mi)]:string:_default' \
'--storage-class=[--storage-class='\'''\''\: The storage class for the PVC]:string:_default' \
'--uploadproxy-url=[--uploadproxy-url='\'''\''\: The URL of the cdi-upload proxy service]:string:_default' \
'--volume-mode=[--volume-mode='\'''\''\: Specify the VolumeMode (block/filesystem) used to create the PVC. Default is the storageProfile default. For archive upload default is filesystem]:string:_default' \
'--wait-secs=[--wait-secs=300\: Seconds to wait for upload pod to start]:uint:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(guestfs)
_arguments "${_arguments_options[@]}" : \
'--image=[libguestfs-tools container image]:IMAGE:_default' \
'--pull-policy=[pull policy for the libguestfs image]:PULL_POLICY:_default' \
'--kvm=[Use kvm for the libguestfs-tools container]::KVM:_default' \
'--root=[Set uid 0 for the libguestfs-tool container]::ROOT:_default' \
'--uid=[Set uid for the libguestfs-tool container. It doesn'\''t work with root]:UID:_default' \
'--gid=[Set gid for the libguestfs-tool container. This works only combined when the uid is manually set]:GID:_default' \
'--fsGroup=[Set the fsgroup for the libguestfs-tool container]:FS_GROUP:_default' \
'--vm=[Provide a VM to apply its scheduling constraints to the libguestfs-tool pod]:VM:_default' \
'--force=[Start even while a VM that uses the PVC is running (two writers can corrupt the disk)]::FORCE:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(vmexport)
_arguments "${_arguments_options[@]}" : \
'*--annotations=[--annotations=\[\]\: Specify custom annotations to VM export object and its associated pod]:strings:_default' \
'--delete-vme=[--delete-vme=false\: When used with the '\''download'\'' option, specifies that the vmexport object should always be deleted after the download finishes]::DELETE_VME:_default' \
'--format=[--format='\'''\''\: Used to specify the format of the downloaded image. There'\''s three options\: gzip (default), raw and oci]:string:_default' \
'--idle-timeout=[--idle-timeout=60s\: Give up on (and retry) a download connection that delivers no data for this long]:duration:_default' \
'--include-secret=[--include-secret=false\: When used with manifest and set to true include a secret that contains proper headers for CDI to import using the manifest]::INCLUDE_SECRET:_default' \
'--insecure=[--insecure=false\: When used with the '\''download'\'' option, specifies that the http request should be insecure]::INSECURE:_default' \
'--keep-vme=[--keep-vme=false\: When used with the '\''download'\'' option, specifies that the vmexport object should always be retained after the download finishes]::KEEP_VME:_default' \
'*--labels=[--labels=\[\]\: Specify custom labels to VM export object and its associated pod]:strings:_default' \
'--local-port=[--local-port='\''0'\''\: Defines the specific port to be used in port-forward]:string:_default' \
'--manifest=[--manifest=false\: Instead of downloading a volume, retrieve the VM manifest]::MANIFEST:_default' \
'--manifest-output-format=[--manifest-output-format='\'''\''\: Manifest output format, defaults to Yaml. Valid options are yaml or json]:string:_default' \
'--output=[--output='\'''\''\: Specifies the output path of the volume or manifest to be downloaded]:string:_default' \
'--port-forward=[--port-forward=false\: Configures port-forwarding on a random port. Useful to download without proper ingress/route configuration]::PORT_FORWARD:_default' \
'--pvc=[--pvc='\'''\''\: Sets PersistentVolumeClaim as vmexport kind and specifies the PVC name]:string:_default' \
'--readiness-timeout=[--readiness-timeout='\'''\''\: Specify maximum wait for VM export object to be ready]:string:_default' \
'--retry=[--retry=0\: When export server returns a transient error, we retry this number of times before giving up]:int:_default' \
'--service-url=[--service-url='\'''\''\: Specify service url to use in the returned manifest, instead of the external URL in the Virtual Machine export status. This is useful for NodePorts or if you don'\''t have an external URL configured]:string:_default' \
'--snapshot=[--snapshot='\'''\''\: Sets VirtualMachineSnapshot as vmexport kind and specifies the snapshot name]:string:_default' \
'--ttl=[--ttl='\'''\''\: The time after the export was created that it is eligible to be automatically deleted, defaults to 2 hours by the server side if not specified]:string:_default' \
'--vm=[--vm='\'''\''\: Sets VirtualMachine as vmexport kind and specifies the vm name]:string:_default' \
'--vmtemplate=[--vmtemplate='\'''\''\: Sets VirtualMachineTemplate as vmexport kind and specifies the template name]:string:_default' \
'--volume=[--volume='\'''\''\: Specifies the volume to be downloaded]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl__subcmd__create_commands" \
"*::: :->create" \
&& ret=0

    case $state in
    (create)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-create-command-$line[1]:"
        case $line[1] in
            (clone)
_arguments "${_arguments_options[@]}" : \
'*--annotation-filter=[Specify clone'\''s annotation filters. Can be provided multiple times]:stringArray:_default' \
'*--label-filter=[Specify clone'\''s label filters. Can be provided multiple times]:stringArray:_default' \
'--name=[Specify the name of the clone. If not specified, name would be randomized]:string:_default' \
'*--new-mac-address=[Specify clone'\''s new mac addresses. For example\: '\''interfaceName0\:newAddress0'\'']:stringArray:_default' \
'--new-smbios-serial=[Specify the clone'\''s new smbios serial]:string:_default' \
'--source-name=[Specify the clone'\''s source name]:string:_default' \
'--source-type=[Specify the clone'\''s source type. Default type is VM. Supported types\: vm, vmsnapshot]:string:_default' \
'--target-name=[Specify the clone'\''s target name]:string:_default' \
'--target-type=[Specify the clone'\''s target type. Default type is VM. Supported types\: vm]:string:_default' \
'*--template-annotation-filter=[Specify clone'\''s template annotation filters. Can be provided multiple times]:stringArray:_default' \
'*--template-label-filter=[Specify clone'\''s template label filters. Can be provided multiple times]:stringArray:_default' \
'-o+[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--output=[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::ignored -- Extra arguments are accepted and ignored, as upstream:_default' \
&& ret=0
;;
(instancetype)
_arguments "${_arguments_options[@]}" : \
'--cpu=[Specify the count of CPUs of the Instancetype]:uint32:_default' \
'*--gpu=[Specify list of vGPUs to passthrough. Can be provided multiple times]:stringArray:_default' \
'*--hostdevice=[Specify list of HostDevices to passthrough. Can be provided multiple times]:stringArray:_default' \
'--iothreadspolicy=[Specify IOThreadsPolicy to be used. Only valid values are "auto" and "shared"]:string:_default' \
'--memory=[Specify the amount of memory of the Instancetype]:string:_default' \
'--name=[Specify the name of the Instancetype]:string:_default' \
'--namespaced=[Specify if VirtualMachineInstancetype should be created. By default VirtualMachineClusterInstancetype is created]::NAMESPACED:_default' \
'-o+[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--output=[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::ignored -- Extra arguments are accepted and ignored, as upstream:_default' \
&& ret=0
;;
(preference)
_arguments "${_arguments_options[@]}" : \
'--cpu-topology=[Defines the preferred guest visible CPU topology]:string:_default' \
'--machine-type=[Defines the preferred machine type to use]:string:_default' \
'--name=[Specify the name of the Preference]:string:_default' \
'--namespaced=[Specify if VirtualMachinePreference should be created. By default VirtualMachineClusterPreference is created]::NAMESPACED:_default' \
'--volume-storage-class=[Defines the preferred storage class]:string:_default' \
'-o+[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--output=[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::ignored -- Extra arguments are accepted and ignored, as upstream:_default' \
&& ret=0
;;
(vm)
_arguments "${_arguments_options[@]}" : \
'--name=[Specify the name of the VM]:string:_default' \
'--run-strategy=[Specify the RunStrategy of the VM. \[default\: Always\]]:string:_default' \
'--termination-grace-period=[Specify the termination grace period of the VM. \[default\: 180\]]:int64:_default' \
'--memory=[Specify the memory of the VM. \[default\: 512Mi\]]:string:_default' \
'--instancetype=[Specify the Instance Type of the VM. Mutually exclusive with instancetype inference flags]:string:_default' \
'--infer-instancetype=[Specify if the Instance Type of the VM should be inferred from the first boot disk. Mutually exclusive with --infer-instancetype-from. \[default\: true\]]::INFER_INSTANCETYPE:_default' \
'--infer-instancetype-from=[Specify the volume to infer the Instance Type of the VM from. Mutually exclusive with --infer-instancetype]:string:_default' \
'--preference=[Specify the Preference of the VM. Mutually exclusive with preference inference flags]:string:_default' \
'--infer-preference=[Specify if the Preference of the VM should be inferred from the first boot disk. Mutually exclusive with --infer-preference-from. \[default\: true\]]::INFER_PREFERENCE:_default' \
'--infer-preference-from=[Specify the volume to infer the Preference of the VM from. Mutually exclusive with --infer-preference]:string:_default' \
'*--volume-containerdisk=[Specify a containerdisk to be used by the VM. Can be provided multiple times. Supported parameters\: name\:string,src\:string,bootorder\:uint]:stringArray:_default' \
'*--volume-pvc=[Specify a PVCs to be used by the VM. Can be provided multiple times. Supported parameters\: name\:string,src\:string,bootorder\:uint]:stringArray:_default' \
'*--volume-import=[Specify the source for DataVolume. Can be provided multiple times. Supported parameters\:   type blank - size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type gcs - secretref\:string,url\:string,size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type http - certconfigmap\:string,extraheaders\:\[\]string,secretextraheaders\:\[\]string,secretref\:string,url\:string,size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type imageio - certconfigmap\:string,diskid\:string,secretref\:string,url\:string,size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type pvc - name\:string,src\:string,size\:resource.Quantity,type\:string,bootorder\:uint   type registry - certconfigmap\:string,imagestream\:string,pullmethod\:string,secretref\:string,url\:string,size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type s3 - certconfigmap\:string,secretref\:string,url\:string,size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type vddk - backingfile\:string,initimageurl\:string,secretref\:string,thumbprint\:string,url\:string,uuid\:string,size\:resource.Quantity,type\:string,name\:string,bootorder\:uint   type snapshot - name\:string,src\:string,size\:resource.Quantity,type\:string,bootorder\:uint   type ds - name\:string,src\:string,size\:resource.Quantity,type\:string,bootorder\:uint]:stringArray:_default' \
'--volume-sysprep=[Specify a ConfigMap or Secret to be used as sysprep volume by the VM. Supported parameters\: src\:string,type\:string]:string:_default' \
'--user=[Specify the user in the cloud-init user data that is added to the VM]:string:_default' \
'--password-file=[Specify a file to read the password from for the cloud-init user data that is added to the VM]:string:_default' \
'*--ssh-key=[Specify one or more SSH authorized keys in the cloud-init user data that is added to the VM]:strings:_default' \
'--ga-manage-ssh=[Specify if the qemu-guest-agent should be able to manage SSH in the cloud-init user data that is added to the VM. This is useful in combination with the "credentials add-ssh-key" command or when using the --access-cred flag. \[default\: false\]]::GA_MANAGE_SSH:_default' \
'*--access-cred=[Specify an access credential to be injected into the VM. Can be provided multiple times. Supported parameters\: type\:string,src\:string,method\:string,user\:string]:stringArray:_default' \
'--cloud-init=[Specify the type of the generated cloud-init data source. Supported values\: nocloud, configdrive, none \[default\: nocloud\]]:string:_default' \
'--cloud-init-user-data=[Specify the base64 encoded cloud-init user data of the VM]:string:_default' \
'--cloud-init-network-data=[Specify the base64 encoded cloud-init network data of the VM]:string:_default' \
'*--volume-datasource=[Specify a DataSource to be cloned by the VM. Can be provided multiple times. Supported parameters\: name\:string,src\:string,bootorder\:uint,size\:resource.Quantity DEPRECATED\: Use --volume-import with type\:ds and same params instead.]:stringArray:_default' \
'*--volume-clone-pvc=[Specify a PVC to be cloned by the VM. Can be provided multiple times. Supported parameters\: name\:string,src\:string,bootorder\:uint,size\:resource.Quantity DEPRECATED\: Use --volume-import with type\:pvc and same params instead.]:stringArray:_default' \
'*--volume-blank=[Specify a blank volume to be used by the VM. Can be provided multiple times. Supported parameters\: name\:string,size\:resource.Quantity DEPRECATED\: Use --volume-import with type\:blank and same params instead.]:stringArray:_default' \
'-o+[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--output=[Output format\: yaml (upstream'\''s) or json (keys in the same sorted order)]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::extra -- cobra'\''s `NoArgs`\: a stray word is reported as an unknown sub-command:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__create__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-create-help-command-$line[1]:"
        case $line[1] in
            (clone)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(instancetype)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(preference)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(vm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(credentials)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl__subcmd__credentials_commands" \
"*::: :->credentials" \
&& ret=0

    case $state in
    (credentials)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-credentials-command-$line[1]:"
        case $line[1] in
            (add-ssh-key)
_arguments "${_arguments_options[@]}" : \
'-u+[Name of the user]:string:_default' \
'--user=[Name of the user]:string:_default' \
'--secret=[Name of the secret with SSH keys]:string:_default' \
'--force=[Force update of secret, even if it'\''s not owned by the VM]::FORCE:_default' \
'-f+[Path to the SSH public key file]:string:_default' \
'--file=[Path to the SSH public key file]:string:_default' \
'--value=[Literal value of the SSH public key]:string:_default' \
'--create-secret=[Create a new secret for the SSH key. The new key will not be added to a running VM. Use --force to add a new secret even if the VM is running]::CREATE_SECRET:_default' \
'--update-secret=[Add the SSH key to an existing secret. Use --force option, if the secret does not have owner reference pointing to the VM]::UPDATE_SECRET:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::args:_default' \
&& ret=0
;;
(remove-ssh-key)
_arguments "${_arguments_options[@]}" : \
'-u+[Name of the user]:string:_default' \
'--user=[Name of the user]:string:_default' \
'--secret=[Name of the secret with SSH keys]:string:_default' \
'--force=[Force update of secret, even if it'\''s not owned by the VM]::FORCE:_default' \
'-f+[Path to the SSH public key file]:string:_default' \
'--file=[Path to the SSH public key file]:string:_default' \
'--value=[Literal value of the SSH public key]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::args:_default' \
&& ret=0
;;
(set-password)
_arguments "${_arguments_options[@]}" : \
'-u+[Name of the user]:string:_default' \
'--user=[Name of the user]:string:_default' \
'--secret=[Name of the secret with SSH keys]:string:_default' \
'--force=[Force update of secret, even if it'\''s not owned by the VM]::FORCE:_default' \
'-p+[Password for the user]:string:_default' \
'--password=[Password for the user]:string:_default' \
'--password-file=[Read the password from this file ('\''-'\'' for stdin) instead of --password; without either, a terminal prompts for it]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::args:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__credentials__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-credentials-help-command-$line[1]:"
        case $line[1] in
            (add-ssh-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove-ssh-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set-password)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(adm)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl__subcmd__adm_commands" \
"*::: :->adm" \
&& ret=0

    case $state in
    (adm)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-adm-command-$line[1]:"
        case $line[1] in
            (log-verbosity)
_arguments "${_arguments_options[@]}" : \
'--virt-api=[show/set virt-api log verbosity (0-9)]::uint[=10]:_default' \
'--virt-controller=[show/set virt-controller log verbosity (0-9)]::uint[=10]:_default' \
'--virt-handler=[show/set virt-handler log verbosity (0-9)]::uint[=10]:_default' \
'--virt-launcher=[show/set virt-launcher log verbosity (0-9)]::uint[=10]:_default' \
'--virt-operator=[show/set virt-operator log verbosity (0-9)]::uint[=10]:_default' \
'--all=[show/set all component log verbosity (0-9)]::uint[=10]:_default' \
'--reset=[reset log verbosity to the default verbosity (2) (empty the log verbosity)]::RESET:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::args:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__adm__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-adm-help-command-$line[1]:"
        case $line[1] in
            (log-verbosity)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(permitted-devices)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(objectgraph)
_arguments "${_arguments_options[@]}" : \
'--vmi=[Returns the object graph from the VMI instead of the VM]::VMI:_default' \
'--exclude-optional=[Exclude optional nodes from the object graph]::EXCLUDE_OPTIONAL:_default' \
'*--selector=[Label selectors to filter the object graph (multiple labels can be specified)]:stringToString:_default' \
'-o+[Output format. One of\: json|yaml]:string:_default' \
'--output=[Output format. One of\: json|yaml]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'(-o --output)--tree[Print the graph as an indented tree (kind/name and dependency type) instead of JSON or YAML]' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(template)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
":: :_virtctl__subcmd__template_commands" \
"*::: :->template" \
&& ret=0

    case $state in
    (template)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-template-command-$line[1]:"
        case $line[1] in
            (convert)
_arguments "${_arguments_options[@]}" : \
'-o+[Specify the output format]:string:_default' \
'--output=[Specify the output format]:string:_default' \
'--name=[Specify the name of the OpenShift Template]:string:_default' \
'-f+[Specify a file containing an OpenShift Template]:string:_default' \
'--file=[Specify a file containing an OpenShift Template]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::positionals -- The template'\''s name (instead of --name):_default' \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
'--vm-name=[Specify the name of the VirtualMachine to create a template from]:string:_default' \
'--vm-namespace=[Specify the namespace of the VirtualMachine. If not specified, uses the current namespace]:string:_default' \
'--name=[Specify the name for the created VirtualMachineTemplate. If not specified, uses a randomized name]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::positionals -- None are accepted (cobra'\''s `NoArgs`):_default' \
&& ret=0
;;
(process)
_arguments "${_arguments_options[@]}" : \
'--name=[Specify the name of the VirtualMachineTemplate]:string:_default' \
'-f+[Specify a file containing a VirtualMachineTemplate]:string:_default' \
'--file=[Specify a file containing a VirtualMachineTemplate]:string:_default' \
'-o+[Specify the output format]:string:_default' \
'--output=[Specify the output format]:string:_default' \
'*-p+[Specify parameters that should be used during processing]:stringToString:_default' \
'*--param=[Specify parameters that should be used during processing]:stringToString:_default' \
'--params-file=[Specify a file that contains parameters that should be used during processing. Supports JSON and YAML dictionaries]:string:_default' \
'--local=[Force local processing of VirtualMachineTemplates]::LOCAL:_default' \
'--create=[Use subresource API to create a VM when processing a remote VirtualMachineTemplate]::CREATE:_default' \
'--print-params=[Only print parameters of the specified VirtualMachineTemplates]::PRINT_PARAMS:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::positionals -- The template'\''s name (instead of --name):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__template__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-template-help-command-$line[1]:"
        case $line[1] in
            (convert)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(process)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(addvolume)
_arguments "${_arguments_options[@]}" : \
'--volume-name=[name of the volume source, either DV or PVC]:string:_default' \
'--disk-name=[name used in the disk/volume section of spec]:string:_default' \
'--serial=[serial number you want to assign to the disk]:string:_default' \
'--cache=[caching options attribute control the cache mechanism]:string:_default' \
'--persist=[\[deprecated\] this flag has no effect and will be removed in a future release]::PERSIST:_default' \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--disk-type=[specifies disk type to be hotplugged (disk/lun). Disk by default]:string:_default' \
'--bus=[specifies disk bus. scsi by default]:string:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(removevolume)
_arguments "${_arguments_options[@]}" : \
'--volume-name=[name used in volumes section of spec]:string:_default' \
'--persist=[\[deprecated\] this flag has no effect and will be removed in a future release]::PERSIST:_default' \
'--dry-run=[--dry-run=false\: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes]::DRY_RUN:_default' \
'--wait=[Wait until the virtual machine reaches the requested state]::WAIT:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m) before failing]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(expand)
_arguments "${_arguments_options[@]}" : \
'--vm=[Specify VirtualMachine name that should be expanded. Mutually exclusive with "--file" flag]:string:_default' \
'-f+[If present, the Virtual Machine spec in provided file will be expanded. Mutually exclusive with "--vm" flag]:string:_default' \
'--file=[If present, the Virtual Machine spec in provided file will be expanded. Mutually exclusive with "--vm" flag]:string:_default' \
'-o+[Specify a format that will be used to display output]:string:_default' \
'--output=[Specify a format that will be used to display output]:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(expose)
_arguments "${_arguments_options[@]}" : \
'--name=[Name of the service created for the exposure of the VM]:string:_default' \
'--cluster-ip=[ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to '\''None'\'' to create a headless service]:string:_default' \
'--external-ip=[Additional external IP address (not managed by the cluster) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP. Optional]:string:_default' \
'--port=[The port that the service should serve on]:int32:_default' \
'--protocol=[The network protocol for the service to be created]:string:_default' \
'--target-port=[Name or number for the port on the VM that the service should direct traffic to. Optional]:string:_default' \
'--type=[Type for this service\: ClusterIP, NodePort, or LoadBalancer]:string:_default' \
'--port-name=[Name of the port. Optional]:string:_default' \
'--ip-family=[IP family over which the service will be exposed. Valid values are '\''IPv4'\'', '\''IPv6'\'', '\''IPv4,IPv6'\'' or '\''IPv6,IPv4'\'']:string:_default' \
'--ip-family-policy=[IP family policy defines whether the service can use IPv4, IPv6, or both. Valid values are '\''SingleStack'\'', '\''PreferDualStack'\'' or '\''RequireDualStack'\'']:string:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(memory-dump)
_arguments "${_arguments_options[@]}" : \
'--access-mode=[--access-mode='\'''\''\: The access mode for the PVC]:string:_default' \
'--claim-name=[--claim-name='\'''\''\: pvc name to contain the memory dump]:string:_default' \
'--create-claim=[--create-claim=false\: Create the pvc that will conatin the memory dump]::CREATE_CLAIM:_default' \
'--format=[--format='\'''\''\: Specifies the format of the memory dump download (gzipped or raw)]:string:_default' \
'--local-port=[--local-port='\''0'\''\: Specify port for port-forward]:string:_default' \
'--output=[--output='\'''\''\: Specifies the output path of the memory dump to be downloaded]:string:_default' \
'--port-forward=[--port-forward=false\: Configure and set port-forward in a random port to download the memory dump]::PORT_FORWARD:_default' \
'--storage-class=[--storage-class='\'''\''\: The storage class for the PVC]:string:_default' \
'--timeout=[--timeout=10m\: How long to wait for the memory dump to complete before downloading it (e.g. 90s, 5m)]:duration:_default' \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
'*::values:_default' \
&& ret=0
;;
(options)
_arguments "${_arguments_options[@]}" : \
'--as=[Username to impersonate for the operation. User could be a regular user or a service account in a namespace]:string:_default' \
'*--as-group=[Group to impersonate for the operation, this flag can be repeated to specify multiple groups]:stringArray:_default' \
'--as-uid=[UID to impersonate for the operation]:string:_default' \
'--certificate-authority=[Path to a cert file for the certificate authority]:string:_default' \
'--client-certificate=[Path to a client certificate file for TLS]:string:_default' \
'--client-key=[Path to a client key file for TLS]:string:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:string:_default' \
'--context=[The name of the kubeconfig context to use]:string:_default' \
'--disable-compression=[If true, opt-out of response compression for all requests to the server]::DISABLE_COMPRESSION:_default' \
'--insecure-skip-tls-verify=[If true, the server'\''s certificate will not be checked for validity. This will make your HTTPS connections insecure]::INSECURE_SKIP_TLS_VERIFY:_default' \
'--kubeconfig=[Path to the kubeconfig file to use for CLI requests]:string:_default' \
'-n+[If present, the namespace scope for this CLI request]:string:_default' \
'--namespace=[If present, the namespace scope for this CLI request]:string:_default' \
'--password=[Password for basic authentication to the API server]:string:_default' \
'--proxy-url=[If provided, this URL will be used to connect via proxy]:string:_default' \
'--request-timeout=[The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don'\''t timeout requests]:string:_default' \
'-s+[The address and port of the Kubernetes API server]:string:_default' \
'--server=[The address and port of the Kubernetes API server]:string:_default' \
'--tls-server-name=[Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used]:string:_default' \
'--token=[Bearer token for authentication to the API server]:string:_default' \
'--user=[The name of the kubeconfig user to use]:string:_default' \
'--username=[Username for basic authentication to the API server]:string:_default' \
'-v+[number for the log level verbosity]:Level:_default' \
'--v=[number for the log level verbosity]:Level:_default' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-command-$line[1]:"
        case $line[1] in
            (start)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pause)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unpause)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(migrate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(migrate-cancel)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(evacuate-cancel)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(soft-reboot)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(guestosinfo)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(userlist)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(fslist)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__doctor_commands" \
"*::: :->doctor" \
&& ret=0

    case $state in
    (doctor)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-doctor-command-$line[1]:"
        case $line[1] in
            (checkup)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup_commands" \
"*::: :->checkup" \
&& ret=0

    case $state in
    (checkup)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-doctor-checkup-command-$line[1]:"
        case $line[1] in
            (vm-latency)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(vm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(console)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(port-forward)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(vnc)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__vnc_commands" \
"*::: :->vnc" \
&& ret=0

    case $state in
    (vnc)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-vnc-command-$line[1]:"
        case $line[1] in
            (screenshot)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(ssh)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(scp)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(usbredir)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(image-upload)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(guestfs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(vmexport)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__create_commands" \
"*::: :->create" \
&& ret=0

    case $state in
    (create)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-create-command-$line[1]:"
        case $line[1] in
            (clone)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(instancetype)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(preference)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(vm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(credentials)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__credentials_commands" \
"*::: :->credentials" \
&& ret=0

    case $state in
    (credentials)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-credentials-command-$line[1]:"
        case $line[1] in
            (add-ssh-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove-ssh-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set-password)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(adm)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__adm_commands" \
"*::: :->adm" \
&& ret=0

    case $state in
    (adm)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-adm-command-$line[1]:"
        case $line[1] in
            (log-verbosity)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(permitted-devices)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(objectgraph)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(template)
_arguments "${_arguments_options[@]}" : \
":: :_virtctl__subcmd__help__subcmd__template_commands" \
"*::: :->template" \
&& ret=0

    case $state in
    (template)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:virtctl-help-template-command-$line[1]:"
        case $line[1] in
            (convert)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(process)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(addvolume)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(removevolume)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(expand)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(expose)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(memory-dump)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(options)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_virtctl_commands] )) ||
_virtctl_commands() {
    local commands; commands=(
'start:Start a virtual machine' \
'stop:Stop a virtual machine' \
'restart:Restart a virtual machine' \
'pause:Pause a virtual machine' \
'unpause:Unpause a virtual machine' \
'migrate:Migrate a virtual machine' \
'migrate-cancel:Cancel migration of a virtual machine' \
'evacuate-cancel:Cancel evacuation for a VM, VMI, or all VMIs on a node' \
'soft-reboot:Soft reboot a virtual machine instance' \
'reset:Reset a virtual machine instance' \
'guestosinfo:Return guest agent info about operating system' \
'userlist:Return full list of logged in users on a guest OS' \
'fslist:Return full list of filesystems available on a guest OS' \
'doctor:Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only)' \
'console:Connect to a console of a virtual machine instance' \
'port-forward:Forward local ports to a virtualmachine or virtualmachineinstance' \
'vnc:Open a VNC connection to a virtual machine instance' \
'ssh:Open a SSH connection to a virtual machine instance' \
'scp:SCP files from/to a virtual machine instance' \
'usbredir:Redirect a USB device to a virtual machine instance' \
'version:Print the client and server version information' \
'completion:Generate the autocompletion script for the specified shell' \
'image-upload:Upload a VM image to a DataVolume/PersistentVolumeClaim' \
'guestfs:Start a shell into the libguestfs pod' \
'vmexport:Export a VM volume' \
'create:Create a manifest for the specified Kind' \
'credentials:Manipulate credentials on a virtual machine' \
'adm:Administrate KubeVirt configuration' \
'permitted-devices:List the permitted devices for vmis' \
'objectgraph:Returns dependency graph related to a VM|VMI' \
'template:Work with VirtualMachineTemplates' \
'addvolume:add a volume to a running VM' \
'removevolume:remove a volume from a running VM' \
'expand:Return the VirtualMachine object with expanded instancetype and preference' \
'expose:Expose a virtual machine instance, virtual machine, or virtual machine instance replica set as a new service' \
'memory-dump:Dump the memory of a running VM to a pvc' \
'options:Print the list of flags inherited by all commands' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__addvolume_commands] )) ||
_virtctl__subcmd__addvolume_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl addvolume commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__adm_commands] )) ||
_virtctl__subcmd__adm_commands() {
    local commands; commands=(
'log-verbosity:Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl adm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__adm__subcmd__help_commands] )) ||
_virtctl__subcmd__adm__subcmd__help_commands() {
    local commands; commands=(
'log-verbosity:Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl adm help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__adm__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__adm__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl adm help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__adm__subcmd__help__subcmd__log-verbosity_commands] )) ||
_virtctl__subcmd__adm__subcmd__help__subcmd__log-verbosity_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl adm help log-verbosity commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__adm__subcmd__log-verbosity_commands] )) ||
_virtctl__subcmd__adm__subcmd__log-verbosity_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl adm log-verbosity commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__completion_commands] )) ||
_virtctl__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl completion commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__console_commands] )) ||
_virtctl__subcmd__console_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl console commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create_commands] )) ||
_virtctl__subcmd__create_commands() {
    local commands; commands=(
'clone:Create a clone object manifest' \
'instancetype:Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest' \
'preference:Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest' \
'vm:Create a VirtualMachine manifest' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl create commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__clone_commands] )) ||
_virtctl__subcmd__create__subcmd__clone_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create clone commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__help_commands] )) ||
_virtctl__subcmd__create__subcmd__help_commands() {
    local commands; commands=(
'clone:Create a clone object manifest' \
'instancetype:Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest' \
'preference:Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest' \
'vm:Create a VirtualMachine manifest' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl create help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__help__subcmd__clone_commands] )) ||
_virtctl__subcmd__create__subcmd__help__subcmd__clone_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create help clone commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__create__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__help__subcmd__instancetype_commands] )) ||
_virtctl__subcmd__create__subcmd__help__subcmd__instancetype_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create help instancetype commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__help__subcmd__preference_commands] )) ||
_virtctl__subcmd__create__subcmd__help__subcmd__preference_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create help preference commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__help__subcmd__vm_commands] )) ||
_virtctl__subcmd__create__subcmd__help__subcmd__vm_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create help vm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__instancetype_commands] )) ||
_virtctl__subcmd__create__subcmd__instancetype_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create instancetype commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__preference_commands] )) ||
_virtctl__subcmd__create__subcmd__preference_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create preference commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__create__subcmd__vm_commands] )) ||
_virtctl__subcmd__create__subcmd__vm_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl create vm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials_commands] )) ||
_virtctl__subcmd__credentials_commands() {
    local commands; commands=(
'add-ssh-key:Add credentials to a virtual machine' \
'remove-ssh-key:Remove credentials from a virtual machine' \
'set-password:Set password for a user' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl credentials commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__add-ssh-key_commands] )) ||
_virtctl__subcmd__credentials__subcmd__add-ssh-key_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials add-ssh-key commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__help_commands] )) ||
_virtctl__subcmd__credentials__subcmd__help_commands() {
    local commands; commands=(
'add-ssh-key:Add credentials to a virtual machine' \
'remove-ssh-key:Remove credentials from a virtual machine' \
'set-password:Set password for a user' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl credentials help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__help__subcmd__add-ssh-key_commands] )) ||
_virtctl__subcmd__credentials__subcmd__help__subcmd__add-ssh-key_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials help add-ssh-key commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__credentials__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__help__subcmd__remove-ssh-key_commands] )) ||
_virtctl__subcmd__credentials__subcmd__help__subcmd__remove-ssh-key_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials help remove-ssh-key commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__help__subcmd__set-password_commands] )) ||
_virtctl__subcmd__credentials__subcmd__help__subcmd__set-password_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials help set-password commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__remove-ssh-key_commands] )) ||
_virtctl__subcmd__credentials__subcmd__remove-ssh-key_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials remove-ssh-key commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__credentials__subcmd__set-password_commands] )) ||
_virtctl__subcmd__credentials__subcmd__set-password_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl credentials set-password commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor_commands] )) ||
_virtctl__subcmd__doctor_commands() {
    local commands; commands=(
'checkup:Run a cluster checkup (creates objects in the target namespace) or read a checkup'\''s result' \
'vm:One VM'\''s story in one report\: VM, VMI, pods, volumes, migrations, events, launcher log and the checks that apply to a single VM (read-only)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl doctor commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup_commands() {
    local commands; commands=(
'vm-latency:Measure the network latency between two VMs on a secondary network (creates objects in -n NS)' \
'status:Print the result stored in a checkup ConfigMap' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl doctor checkup commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help_commands() {
    local commands; commands=(
'vm-latency:Measure the network latency between two VMs on a secondary network (creates objects in -n NS)' \
'status:Print the result stored in a checkup ConfigMap' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl doctor checkup help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor checkup help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help__subcmd__status_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor checkup help status commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help__subcmd__vm-latency_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup__subcmd__help__subcmd__vm-latency_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor checkup help vm-latency commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup__subcmd__status_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor checkup status commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__checkup__subcmd__vm-latency_commands] )) ||
_virtctl__subcmd__doctor__subcmd__checkup__subcmd__vm-latency_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor checkup vm-latency commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__help_commands] )) ||
_virtctl__subcmd__doctor__subcmd__help_commands() {
    local commands; commands=(
'checkup:Run a cluster checkup (creates objects in the target namespace) or read a checkup'\''s result' \
'vm:One VM'\''s story in one report\: VM, VMI, pods, volumes, migrations, events, launcher log and the checks that apply to a single VM (read-only)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl doctor help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup_commands] )) ||
_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup_commands() {
    local commands; commands=(
'vm-latency:Measure the network latency between two VMs on a secondary network (creates objects in -n NS)' \
'status:Print the result stored in a checkup ConfigMap' \
    )
    _describe -t commands 'virtctl doctor help checkup commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup__subcmd__status_commands] )) ||
_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor help checkup status commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup__subcmd__vm-latency_commands] )) ||
_virtctl__subcmd__doctor__subcmd__help__subcmd__checkup__subcmd__vm-latency_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor help checkup vm-latency commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__doctor__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__help__subcmd__vm_commands] )) ||
_virtctl__subcmd__doctor__subcmd__help__subcmd__vm_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor help vm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__doctor__subcmd__vm_commands] )) ||
_virtctl__subcmd__doctor__subcmd__vm_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl doctor vm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__evacuate-cancel_commands] )) ||
_virtctl__subcmd__evacuate-cancel_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl evacuate-cancel commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__expand_commands] )) ||
_virtctl__subcmd__expand_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl expand commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__expose_commands] )) ||
_virtctl__subcmd__expose_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl expose commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__fslist_commands] )) ||
_virtctl__subcmd__fslist_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl fslist commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__guestfs_commands] )) ||
_virtctl__subcmd__guestfs_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl guestfs commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__guestosinfo_commands] )) ||
_virtctl__subcmd__guestosinfo_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl guestosinfo commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help_commands] )) ||
_virtctl__subcmd__help_commands() {
    local commands; commands=(
'start:Start a virtual machine' \
'stop:Stop a virtual machine' \
'restart:Restart a virtual machine' \
'pause:Pause a virtual machine' \
'unpause:Unpause a virtual machine' \
'migrate:Migrate a virtual machine' \
'migrate-cancel:Cancel migration of a virtual machine' \
'evacuate-cancel:Cancel evacuation for a VM, VMI, or all VMIs on a node' \
'soft-reboot:Soft reboot a virtual machine instance' \
'reset:Reset a virtual machine instance' \
'guestosinfo:Return guest agent info about operating system' \
'userlist:Return full list of logged in users on a guest OS' \
'fslist:Return full list of filesystems available on a guest OS' \
'doctor:Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only)' \
'console:Connect to a console of a virtual machine instance' \
'port-forward:Forward local ports to a virtualmachine or virtualmachineinstance' \
'vnc:Open a VNC connection to a virtual machine instance' \
'ssh:Open a SSH connection to a virtual machine instance' \
'scp:SCP files from/to a virtual machine instance' \
'usbredir:Redirect a USB device to a virtual machine instance' \
'version:Print the client and server version information' \
'completion:Generate the autocompletion script for the specified shell' \
'image-upload:Upload a VM image to a DataVolume/PersistentVolumeClaim' \
'guestfs:Start a shell into the libguestfs pod' \
'vmexport:Export a VM volume' \
'create:Create a manifest for the specified Kind' \
'credentials:Manipulate credentials on a virtual machine' \
'adm:Administrate KubeVirt configuration' \
'permitted-devices:List the permitted devices for vmis' \
'objectgraph:Returns dependency graph related to a VM|VMI' \
'template:Work with VirtualMachineTemplates' \
'addvolume:add a volume to a running VM' \
'removevolume:remove a volume from a running VM' \
'expand:Return the VirtualMachine object with expanded instancetype and preference' \
'expose:Expose a virtual machine instance, virtual machine, or virtual machine instance replica set as a new service' \
'memory-dump:Dump the memory of a running VM to a pvc' \
'options:Print the list of flags inherited by all commands' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__addvolume_commands] )) ||
_virtctl__subcmd__help__subcmd__addvolume_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help addvolume commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__adm_commands] )) ||
_virtctl__subcmd__help__subcmd__adm_commands() {
    local commands; commands=(
'log-verbosity:Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2' \
    )
    _describe -t commands 'virtctl help adm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__adm__subcmd__log-verbosity_commands] )) ||
_virtctl__subcmd__help__subcmd__adm__subcmd__log-verbosity_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help adm log-verbosity commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__completion_commands] )) ||
_virtctl__subcmd__help__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help completion commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__console_commands] )) ||
_virtctl__subcmd__help__subcmd__console_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help console commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__create_commands] )) ||
_virtctl__subcmd__help__subcmd__create_commands() {
    local commands; commands=(
'clone:Create a clone object manifest' \
'instancetype:Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest' \
'preference:Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest' \
'vm:Create a VirtualMachine manifest' \
    )
    _describe -t commands 'virtctl help create commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__create__subcmd__clone_commands] )) ||
_virtctl__subcmd__help__subcmd__create__subcmd__clone_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help create clone commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__create__subcmd__instancetype_commands] )) ||
_virtctl__subcmd__help__subcmd__create__subcmd__instancetype_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help create instancetype commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__create__subcmd__preference_commands] )) ||
_virtctl__subcmd__help__subcmd__create__subcmd__preference_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help create preference commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__create__subcmd__vm_commands] )) ||
_virtctl__subcmd__help__subcmd__create__subcmd__vm_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help create vm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__credentials_commands] )) ||
_virtctl__subcmd__help__subcmd__credentials_commands() {
    local commands; commands=(
'add-ssh-key:Add credentials to a virtual machine' \
'remove-ssh-key:Remove credentials from a virtual machine' \
'set-password:Set password for a user' \
    )
    _describe -t commands 'virtctl help credentials commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__credentials__subcmd__add-ssh-key_commands] )) ||
_virtctl__subcmd__help__subcmd__credentials__subcmd__add-ssh-key_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help credentials add-ssh-key commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__credentials__subcmd__remove-ssh-key_commands] )) ||
_virtctl__subcmd__help__subcmd__credentials__subcmd__remove-ssh-key_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help credentials remove-ssh-key commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__credentials__subcmd__set-password_commands] )) ||
_virtctl__subcmd__help__subcmd__credentials__subcmd__set-password_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help credentials set-password commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__doctor_commands] )) ||
_virtctl__subcmd__help__subcmd__doctor_commands() {
    local commands; commands=(
'checkup:Run a cluster checkup (creates objects in the target namespace) or read a checkup'\''s result' \
'vm:One VM'\''s story in one report\: VM, VMI, pods, volumes, migrations, events, launcher log and the checks that apply to a single VM (read-only)' \
    )
    _describe -t commands 'virtctl help doctor commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup_commands] )) ||
_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup_commands() {
    local commands; commands=(
'vm-latency:Measure the network latency between two VMs on a secondary network (creates objects in -n NS)' \
'status:Print the result stored in a checkup ConfigMap' \
    )
    _describe -t commands 'virtctl help doctor checkup commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup__subcmd__status_commands] )) ||
_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help doctor checkup status commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup__subcmd__vm-latency_commands] )) ||
_virtctl__subcmd__help__subcmd__doctor__subcmd__checkup__subcmd__vm-latency_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help doctor checkup vm-latency commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__doctor__subcmd__vm_commands] )) ||
_virtctl__subcmd__help__subcmd__doctor__subcmd__vm_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help doctor vm commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__evacuate-cancel_commands] )) ||
_virtctl__subcmd__help__subcmd__evacuate-cancel_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help evacuate-cancel commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__expand_commands] )) ||
_virtctl__subcmd__help__subcmd__expand_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help expand commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__expose_commands] )) ||
_virtctl__subcmd__help__subcmd__expose_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help expose commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__fslist_commands] )) ||
_virtctl__subcmd__help__subcmd__fslist_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help fslist commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__guestfs_commands] )) ||
_virtctl__subcmd__help__subcmd__guestfs_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help guestfs commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__guestosinfo_commands] )) ||
_virtctl__subcmd__help__subcmd__guestosinfo_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help guestosinfo commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__image-upload_commands] )) ||
_virtctl__subcmd__help__subcmd__image-upload_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help image-upload commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__memory-dump_commands] )) ||
_virtctl__subcmd__help__subcmd__memory-dump_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help memory-dump commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__migrate_commands] )) ||
_virtctl__subcmd__help__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help migrate commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__migrate-cancel_commands] )) ||
_virtctl__subcmd__help__subcmd__migrate-cancel_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help migrate-cancel commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__objectgraph_commands] )) ||
_virtctl__subcmd__help__subcmd__objectgraph_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help objectgraph commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__options_commands] )) ||
_virtctl__subcmd__help__subcmd__options_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help options commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__pause_commands] )) ||
_virtctl__subcmd__help__subcmd__pause_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help pause commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__permitted-devices_commands] )) ||
_virtctl__subcmd__help__subcmd__permitted-devices_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help permitted-devices commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__port-forward_commands] )) ||
_virtctl__subcmd__help__subcmd__port-forward_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help port-forward commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__removevolume_commands] )) ||
_virtctl__subcmd__help__subcmd__removevolume_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help removevolume commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__reset_commands] )) ||
_virtctl__subcmd__help__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help reset commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__restart_commands] )) ||
_virtctl__subcmd__help__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help restart commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__scp_commands] )) ||
_virtctl__subcmd__help__subcmd__scp_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help scp commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__soft-reboot_commands] )) ||
_virtctl__subcmd__help__subcmd__soft-reboot_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help soft-reboot commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__ssh_commands] )) ||
_virtctl__subcmd__help__subcmd__ssh_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help ssh commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__start_commands] )) ||
_virtctl__subcmd__help__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help start commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__stop_commands] )) ||
_virtctl__subcmd__help__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help stop commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__template_commands] )) ||
_virtctl__subcmd__help__subcmd__template_commands() {
    local commands; commands=(
'convert:Convert an OpenShift Template into a VirtualMachineTemplate' \
'create:Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster' \
'process:Process a VirtualMachineTemplate and return the created VirtualMachine object' \
    )
    _describe -t commands 'virtctl help template commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__template__subcmd__convert_commands] )) ||
_virtctl__subcmd__help__subcmd__template__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help template convert commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__template__subcmd__create_commands] )) ||
_virtctl__subcmd__help__subcmd__template__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help template create commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__template__subcmd__process_commands] )) ||
_virtctl__subcmd__help__subcmd__template__subcmd__process_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help template process commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__unpause_commands] )) ||
_virtctl__subcmd__help__subcmd__unpause_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help unpause commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__usbredir_commands] )) ||
_virtctl__subcmd__help__subcmd__usbredir_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help usbredir commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__userlist_commands] )) ||
_virtctl__subcmd__help__subcmd__userlist_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help userlist commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__version_commands] )) ||
_virtctl__subcmd__help__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help version commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__vmexport_commands] )) ||
_virtctl__subcmd__help__subcmd__vmexport_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help vmexport commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__vnc_commands] )) ||
_virtctl__subcmd__help__subcmd__vnc_commands() {
    local commands; commands=(
'screenshot:Create a screenshot of the VirtualMachineInstance'\''s display' \
    )
    _describe -t commands 'virtctl help vnc commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__help__subcmd__vnc__subcmd__screenshot_commands] )) ||
_virtctl__subcmd__help__subcmd__vnc__subcmd__screenshot_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl help vnc screenshot commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__image-upload_commands] )) ||
_virtctl__subcmd__image-upload_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl image-upload commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__memory-dump_commands] )) ||
_virtctl__subcmd__memory-dump_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl memory-dump commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__migrate_commands] )) ||
_virtctl__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl migrate commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__migrate-cancel_commands] )) ||
_virtctl__subcmd__migrate-cancel_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl migrate-cancel commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__objectgraph_commands] )) ||
_virtctl__subcmd__objectgraph_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl objectgraph commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__options_commands] )) ||
_virtctl__subcmd__options_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl options commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__pause_commands] )) ||
_virtctl__subcmd__pause_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl pause commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__permitted-devices_commands] )) ||
_virtctl__subcmd__permitted-devices_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl permitted-devices commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__port-forward_commands] )) ||
_virtctl__subcmd__port-forward_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl port-forward commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__removevolume_commands] )) ||
_virtctl__subcmd__removevolume_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl removevolume commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__reset_commands] )) ||
_virtctl__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl reset commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__restart_commands] )) ||
_virtctl__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl restart commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__scp_commands] )) ||
_virtctl__subcmd__scp_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl scp commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__soft-reboot_commands] )) ||
_virtctl__subcmd__soft-reboot_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl soft-reboot commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__ssh_commands] )) ||
_virtctl__subcmd__ssh_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl ssh commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__start_commands] )) ||
_virtctl__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl start commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__stop_commands] )) ||
_virtctl__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl stop commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template_commands] )) ||
_virtctl__subcmd__template_commands() {
    local commands; commands=(
'convert:Convert an OpenShift Template into a VirtualMachineTemplate' \
'create:Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster' \
'process:Process a VirtualMachineTemplate and return the created VirtualMachine object' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl template commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__convert_commands] )) ||
_virtctl__subcmd__template__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template convert commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__create_commands] )) ||
_virtctl__subcmd__template__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template create commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__help_commands] )) ||
_virtctl__subcmd__template__subcmd__help_commands() {
    local commands; commands=(
'convert:Convert an OpenShift Template into a VirtualMachineTemplate' \
'create:Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster' \
'process:Process a VirtualMachineTemplate and return the created VirtualMachine object' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl template help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__help__subcmd__convert_commands] )) ||
_virtctl__subcmd__template__subcmd__help__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template help convert commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__help__subcmd__create_commands] )) ||
_virtctl__subcmd__template__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template help create commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__template__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__help__subcmd__process_commands] )) ||
_virtctl__subcmd__template__subcmd__help__subcmd__process_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template help process commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__template__subcmd__process_commands] )) ||
_virtctl__subcmd__template__subcmd__process_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl template process commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__unpause_commands] )) ||
_virtctl__subcmd__unpause_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl unpause commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__usbredir_commands] )) ||
_virtctl__subcmd__usbredir_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl usbredir commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__userlist_commands] )) ||
_virtctl__subcmd__userlist_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl userlist commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__version_commands] )) ||
_virtctl__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl version commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__vmexport_commands] )) ||
_virtctl__subcmd__vmexport_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl vmexport commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__vnc_commands] )) ||
_virtctl__subcmd__vnc_commands() {
    local commands; commands=(
'screenshot:Create a screenshot of the VirtualMachineInstance'\''s display' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl vnc commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__vnc__subcmd__help_commands] )) ||
_virtctl__subcmd__vnc__subcmd__help_commands() {
    local commands; commands=(
'screenshot:Create a screenshot of the VirtualMachineInstance'\''s display' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'virtctl vnc help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__vnc__subcmd__help__subcmd__help_commands] )) ||
_virtctl__subcmd__vnc__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl vnc help help commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__vnc__subcmd__help__subcmd__screenshot_commands] )) ||
_virtctl__subcmd__vnc__subcmd__help__subcmd__screenshot_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl vnc help screenshot commands' commands "$@"
}
(( $+functions[_virtctl__subcmd__vnc__subcmd__screenshot_commands] )) ||
_virtctl__subcmd__vnc__subcmd__screenshot_commands() {
    local commands; commands=()
    _describe -t commands 'virtctl vnc screenshot commands' commands "$@"
}

if [ "$funcstack[1]" = "_virtctl" ]; then
    _virtctl "$@"
else
    compdef _virtctl virtctl
fi
