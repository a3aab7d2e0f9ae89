# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_virtctl_global_optspecs
    string join \n as= as-group= as-uid= certificate-authority= client-certificate= client-key= cluster= context= disable-compression= insecure-skip-tls-verify= kubeconfig= n/namespace= password= proxy-url= request-timeout= s/server= tls-server-name= token= user= username= v/v= h/help
end

function __fish_virtctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_virtctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_virtctl_using_subcommand
    set -l cmd (__fish_virtctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c virtctl -n "__fish_virtctl_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_needs_command" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "start" -d 'Start a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "stop" -d 'Stop a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "restart" -d 'Restart a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "pause" -d 'Pause a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "unpause" -d 'Unpause a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "migrate" -d 'Migrate a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "migrate-cancel" -d 'Cancel migration of a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "evacuate-cancel" -d 'Cancel evacuation for a VM, VMI, or all VMIs on a node'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "soft-reboot" -d 'Soft reboot a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "reset" -d 'Reset a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "guestosinfo" -d 'Return guest agent info about operating system'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "userlist" -d 'Return full list of logged in users on a guest OS'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "fslist" -d 'Return full list of filesystems available on a guest OS'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "doctor" -d 'Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only)'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "console" -d 'Connect to a console of a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "port-forward" -d 'Forward local ports to a virtualmachine or virtualmachineinstance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "vnc" -d 'Open a VNC connection to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "ssh" -d 'Open a SSH connection to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "scp" -d 'SCP files from/to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "usbredir" -d 'Redirect a USB device to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "version" -d 'Print the client and server version information'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "completion" -d 'Generate the autocompletion script for the specified shell'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "image-upload" -d 'Upload a VM image to a DataVolume/PersistentVolumeClaim'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "guestfs" -d 'Start a shell into the libguestfs pod'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "vmexport" -d 'Export a VM volume'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "create" -d 'Create a manifest for the specified Kind'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "credentials" -d 'Manipulate credentials on a virtual machine'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "adm" -d 'Administrate KubeVirt configuration'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "permitted-devices" -d 'List the permitted devices for vmis'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "objectgraph" -d 'Returns dependency graph related to a VM|VMI'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "template" -d 'Work with VirtualMachineTemplates'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "addvolume" -d 'add a volume to a running VM'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "removevolume" -d 'remove a volume from a running VM'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "expand" -d 'Return the VirtualMachine object with expanded instancetype and preference'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "expose" -d 'Expose a virtual machine instance, virtual machine, or virtual machine instance replica set as a new service'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "memory-dump" -d 'Dump the memory of a running VM to a pvc'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "options" -d 'Print the list of flags inherited by all commands'
complete -c virtctl -n "__fish_virtctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l paused -d '--paused=false: If set to true, start virtual machine in paused state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand start" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l force -d '--force=false: Only used when grace-period=0. If true, immediately remove VMI pod from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l grace-period -d '--grace-period=-1: Period of time in seconds given to the VMI to terminate gracefully. Can only be set to 0 when --force is true (force deletion). Currently only setting 0 is supported. [default: -1]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand stop" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l force -d '--force=false: Only used when grace-period=0. If true, immediately remove VMI pod from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l grace-period -d '--grace-period=-1: Period of time in seconds given to the VMI to terminate gracefully. Can only be set to 0 when --force is true (force deletion). Currently only setting 0 is supported. [default: -1]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand restart" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand pause" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l addedNodeSelector -d '--addedNodeSelector=key=value1,key2=value2: configure an additional node selector for the one-off migration attempt. AddedNodeSelector can only restrict constraints already set on the VM. By default the scheduler is responsible for finding the best Node, which is the recommended way of migrating VMs' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand migrate-cancel" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand evacuate-cancel" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand soft-reboot" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand reset" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestosinfo" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand userlist" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand fslist" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -s o -l output -d 'Report format: table, json or yaml' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l check -d 'Run only these checks (names, aliases or globs such as \'Virt*Down\'; comma-separated or repeated)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l component -d 'Only these components: hco,virt,cdi,cnao,kmp,ssp,hpp,node,vm-workload' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l skip -d 'Leave these checks out (names, aliases or globs)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l node -d 'Scope node checks to this node (NodeDrainReadiness then evaluates it even if schedulable)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l fail-on -d 'Lowest status that makes the exit code 2: critical or warning' -r -f -a "critical\t''
warning\t''"
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l log-window -d 'Cap on the log window of log scans (e.g. 10m)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l max-guest-probes -d 'Cap on per-VMI guest file system probes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l prometheus -d 'Prometheus endpoint: auto, off, https://HOST (e.g. the thanos-querier Route) or svc://NAMESPACE/SERVICE:PORT' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l alertmanager -d 'Alertmanager endpoint: auto, off, https://HOST (e.g. the alertmanager-main Route) or svc://NAMESPACE/SERVICE:PORT' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l prometheus-token-file -d 'Bearer token file for Prometheus/Alertmanager (never printed)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l prometheus-ca-file -d 'CA bundle for Prometheus/Alertmanager' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l timeout -d 'Bound on the whole run' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l kubevirt-namespace -d 'Namespace of KubeVirt (skips discovery)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l hco-namespace -d 'Namespace of the HyperConverged CR (skips discovery)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l cdi-namespace -d 'Namespace of CDI (skips discovery)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l component-namespace -d 'A component\'s namespace, as component=namespace (repeatable)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l list -d 'Print the catalog of checks; needs no cluster'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l all -d 'Also run the checks that are off by default (retired or noisy alerts)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l problems-only -d 'Show only warning and critical results in the table'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l no-logs -d 'Never read pod logs'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l kubelet-stats -d 'Allow reading kubelet stats through nodes/proxy (not implemented yet: the report says so)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -l scrape -d 'Allow scraping component /metrics through pods/proxy (not implemented yet: the report says so)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -f -a "checkup" -d 'Run a cluster checkup (creates objects in the target namespace) or read a checkup\'s result'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -f -a "vm" -d 'One VM\'s story in one report: VM, VMI, pods, volumes, migrations, events, launcher log and the checks that apply to a single VM (read-only)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and not __fish_seen_subcommand_from checkup vm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -f -a "vm-latency" -d 'Measure the network latency between two VMs on a secondary network (creates objects in -n NS)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -f -a "status" -d 'Print the result stored in a checkup ConfigMap'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from checkup" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -s o -l output -d 'Report format: table, json or yaml' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l fail-on -d 'Lowest status that makes the exit code 2: critical or warning' -r -f -a "critical\t''
warning\t''"
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l timeout -d 'Bound on the whole run' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -l no-logs -d 'Never read pod logs'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from vm" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from help" -f -a "checkup" -d 'Run a cluster checkup (creates objects in the target namespace) or read a checkup\'s result'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from help" -f -a "vm" -d 'One VM\'s story in one report: VM, VMI, pods, volumes, migrations, events, launcher log and the checks that apply to a single VM (read-only)'
complete -c virtctl -n "__fish_virtctl_using_subcommand doctor; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l timeout -d 'The number of minutes to wait for the virtual machine instance to be ready' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand console" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l address -d 'Address to bind to' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l stdio -d 'Forward a single port over stdin/stdout instead of opening local listeners' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand port-forward" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l address -d '--address=127.0.0.1: Setting this will change the listening address of the VNC server. Example: --address=0.0.0.0 will make the server listen on all interfaces' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l port -d '--port=0: Assigning a port value to this will try to run the proxy on the given port if the port is accessible; If unassigned, the proxy will run on a random port' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l proxy-only -d '--proxy-only=false: Setting this true will run only the virtctl vnc proxy and show the port where VNC viewers can connect' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l preserve-session -d '--preserve-session=false: Setting this to true will not disconnect an existing VNC session; the connection is refused instead' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l vnc-type -d '--vnc-type="": Viewer to launch: tiger, chicken, real or remote-viewer (default: detect)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l vnc-path -d '--vnc-path="": Path of the viewer binary (with --vnc-type)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -a "screenshot" -d 'Create a screenshot of the VirtualMachineInstance\'s display'
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and not __fish_seen_subcommand_from screenshot help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -s f -l file -d 'File where the screenshot will be stored (PNG; - for standard output)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -s m -l move-cursor -d 'Move the cursor to wake up a screensaver before taking the screenshot' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from screenshot" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from help" -f -a "screenshot" -d 'Create a screenshot of the VirtualMachineInstance\'s display'
complete -c virtctl -n "__fish_virtctl_using_subcommand vnc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s l -l username -d 'Username for the remote user (default: $USER, $USERNAME or $LOGNAME); `user@` in the target overrides it' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s i -l identity-file -d 'Path to the SSH private key; passed to ssh only when given (default "$HOME/.ssh/id_rsa")' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l known-hosts -d 'Path to the known_hosts file; unused by the local ssh client (default "$HOME/.ssh/kubevirt_known_hosts"), pass -t "-o UserKnownHostsFile=..." instead' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s p -l port -d 'Target port on the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s t -l local-ssh-opts -d 'Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l local-ssh -d 'Use the locally installed ssh/scp (the default); --local-ssh=false uses the built-in client (ssh: commands and interactive shells, ssh-agent then -i keys; scp: the scp protocol); --local-ssh-opts implies --local-ssh' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s c -l command -d 'Specify a command to execute in the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand ssh" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s l -l username -d 'Username for the remote user (default: $USER, $USERNAME or $LOGNAME); `user@` in the target overrides it' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s i -l identity-file -d 'Path to the SSH private key; passed to ssh only when given (default "$HOME/.ssh/id_rsa")' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l known-hosts -d 'Path to the known_hosts file; unused by the local ssh client (default "$HOME/.ssh/kubevirt_known_hosts"), pass -t "-o UserKnownHostsFile=..." instead' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s p -l port -d 'Target port on the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s t -l local-ssh-opts -d 'Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l local-ssh -d 'Use the locally installed ssh/scp (the default); --local-ssh=false uses the built-in client (ssh: commands and interactive shells, ssh-agent then -i keys; scp: the scp protocol); --local-ssh-opts implies --local-ssh' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s r -l recursive -d 'Recursively copy entire directories' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l preserve -d 'Preserve access and modification times, and modes, of the copied files' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand scp" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l no-launch -d '--no-launch=false: Only start the proxy; a usbredir client is not launched' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand usbredir" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -s c -l client -d 'Client version only (no server required)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand version" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l no-descriptions -d 'disable completion descriptions' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l access-mode -d '--access-mode=\'\': The access mode for the PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l archive-path -d '--archive-path=\'\': Path to the local archive' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l block-volume -d 'Deprecated: use --volume-mode=block' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l datasource -d '--datasource=false: Create a DataSource pointing to the created DataVolume/PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l default-instancetype -d '--default-instancetype=\'\': The default instance type to associate with the image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l default-instancetype-kind -d '--default-instancetype-kind=\'\': The default instance type kind to associate with the image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l default-preference -d '--default-preference=\'\': The default preference to associate with the image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l default-preference-kind -d '--default-preference-kind=\'\': The default preference kind to associate with the image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l force-bind -d '--force-bind=false: Force bind the PVC, ignoring the WaitForFirstConsumer logic' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l image-path -d '--image-path=\'\': Path to the local VM image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l insecure -d '--insecure=false: Allow insecure server connections when using HTTPS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l no-create -d '--no-create=false: Don\'t attempt to create a new DataVolume/PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l pvc-name -d 'Deprecated: give the name as the second argument' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l pvc-size -d 'Deprecated: use --size' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l retry -d '--retry=5: When upload server returns a transient error, we retry this number of times before giving up' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l size -d '--size=\'\': The size of the DataVolume to create (ex. 10Gi, 500Mi)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l storage-class -d '--storage-class=\'\': The storage class for the PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l uploadproxy-url -d '--uploadproxy-url=\'\': The URL of the cdi-upload proxy service' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l volume-mode -d '--volume-mode=\'\': Specify the VolumeMode (block/filesystem) used to create the PVC. Default is the storageProfile default. For archive upload default is filesystem' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l wait-secs -d '--wait-secs=300: Seconds to wait for upload pod to start' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand image-upload" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l image -d 'libguestfs-tools container image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l pull-policy -d 'pull policy for the libguestfs image' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l kvm -d 'Use kvm for the libguestfs-tools container' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l root -d 'Set uid 0 for the libguestfs-tool container' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l uid -d 'Set uid for the libguestfs-tool container. It doesn\'t work with root' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l gid -d 'Set gid for the libguestfs-tool container. This works only combined when the uid is manually set' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l fsGroup -d 'Set the fsgroup for the libguestfs-tool container' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l vm -d 'Provide a VM to apply its scheduling constraints to the libguestfs-tool pod' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l force -d 'Start even while a VM that uses the PVC is running (two writers can corrupt the disk)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand guestfs" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l annotations -d '--annotations=[]: Specify custom annotations to VM export object and its associated pod' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l delete-vme -d '--delete-vme=false: When used with the \'download\' option, specifies that the vmexport object should always be deleted after the download finishes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l format -d '--format=\'\': Used to specify the format of the downloaded image. There\'s three options: gzip (default), raw and oci' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l idle-timeout -d '--idle-timeout=60s: Give up on (and retry) a download connection that delivers no data for this long' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l include-secret -d '--include-secret=false: When used with manifest and set to true include a secret that contains proper headers for CDI to import using the manifest' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l insecure -d '--insecure=false: When used with the \'download\' option, specifies that the http request should be insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l keep-vme -d '--keep-vme=false: When used with the \'download\' option, specifies that the vmexport object should always be retained after the download finishes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l labels -d '--labels=[]: Specify custom labels to VM export object and its associated pod' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l local-port -d '--local-port=\'0\': Defines the specific port to be used in port-forward' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l manifest -d '--manifest=false: Instead of downloading a volume, retrieve the VM manifest' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l manifest-output-format -d '--manifest-output-format=\'\': Manifest output format, defaults to Yaml. Valid options are yaml or json' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l output -d '--output=\'\': Specifies the output path of the volume or manifest to be downloaded' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l port-forward -d '--port-forward=false: Configures port-forwarding on a random port. Useful to download without proper ingress/route configuration' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l pvc -d '--pvc=\'\': Sets PersistentVolumeClaim as vmexport kind and specifies the PVC name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l readiness-timeout -d '--readiness-timeout=\'\': Specify maximum wait for VM export object to be ready' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l retry -d '--retry=0: When export server returns a transient error, we retry this number of times before giving up' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l service-url -d '--service-url=\'\': Specify service url to use in the returned manifest, instead of the external URL in the Virtual Machine export status. This is useful for NodePorts or if you don\'t have an external URL configured' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l snapshot -d '--snapshot=\'\': Sets VirtualMachineSnapshot as vmexport kind and specifies the snapshot name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l ttl -d '--ttl=\'\': The time after the export was created that it is eligible to be automatically deleted, defaults to 2 hours by the server side if not specified' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l vm -d '--vm=\'\': Sets VirtualMachine as vmexport kind and specifies the vm name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l vmtemplate -d '--vmtemplate=\'\': Sets VirtualMachineTemplate as vmexport kind and specifies the template name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l volume -d '--volume=\'\': Specifies the volume to be downloaded' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand vmexport" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -f -a "clone" -d 'Create a clone object manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -f -a "instancetype" -d 'Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -f -a "preference" -d 'Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -f -a "vm" -d 'Create a VirtualMachine manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and not __fish_seen_subcommand_from clone instancetype preference vm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l annotation-filter -d 'Specify clone\'s annotation filters. Can be provided multiple times' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l label-filter -d 'Specify clone\'s label filters. Can be provided multiple times' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l name -d 'Specify the name of the clone. If not specified, name would be randomized' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l new-mac-address -d 'Specify clone\'s new mac addresses. For example: \'interfaceName0:newAddress0\'' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l new-smbios-serial -d 'Specify the clone\'s new smbios serial' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l source-name -d 'Specify the clone\'s source name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l source-type -d 'Specify the clone\'s source type. Default type is VM. Supported types: vm, vmsnapshot' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l target-name -d 'Specify the clone\'s target name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l target-type -d 'Specify the clone\'s target type. Default type is VM. Supported types: vm' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l template-annotation-filter -d 'Specify clone\'s template annotation filters. Can be provided multiple times' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l template-label-filter -d 'Specify clone\'s template label filters. Can be provided multiple times' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -s o -l output -d 'Output format: yaml (upstream\'s) or json (keys in the same sorted order)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l cpu -d 'Specify the count of CPUs of the Instancetype' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l gpu -d 'Specify list of vGPUs to passthrough. Can be provided multiple times' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l hostdevice -d 'Specify list of HostDevices to passthrough. Can be provided multiple times' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l iothreadspolicy -d 'Specify IOThreadsPolicy to be used. Only valid values are "auto" and "shared"' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l memory -d 'Specify the amount of memory of the Instancetype' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l name -d 'Specify the name of the Instancetype' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l namespaced -d 'Specify if VirtualMachineInstancetype should be created. By default VirtualMachineClusterInstancetype is created' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -s o -l output -d 'Output format: yaml (upstream\'s) or json (keys in the same sorted order)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from instancetype" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l cpu-topology -d 'Defines the preferred guest visible CPU topology' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l machine-type -d 'Defines the preferred machine type to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l name -d 'Specify the name of the Preference' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l namespaced -d 'Specify if VirtualMachinePreference should be created. By default VirtualMachineClusterPreference is created' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l volume-storage-class -d 'Defines the preferred storage class' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -s o -l output -d 'Output format: yaml (upstream\'s) or json (keys in the same sorted order)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from preference" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l name -d 'Specify the name of the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l run-strategy -d 'Specify the RunStrategy of the VM. [default: Always]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l termination-grace-period -d 'Specify the termination grace period of the VM. [default: 180]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l memory -d 'Specify the memory of the VM. [default: 512Mi]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l instancetype -d 'Specify the Instance Type of the VM. Mutually exclusive with instancetype inference flags' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l infer-instancetype -d 'Specify if the Instance Type of the VM should be inferred from the first boot disk. Mutually exclusive with --infer-instancetype-from. [default: true]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l infer-instancetype-from -d 'Specify the volume to infer the Instance Type of the VM from. Mutually exclusive with --infer-instancetype' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l preference -d 'Specify the Preference of the VM. Mutually exclusive with preference inference flags' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l infer-preference -d 'Specify if the Preference of the VM should be inferred from the first boot disk. Mutually exclusive with --infer-preference-from. [default: true]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l infer-preference-from -d 'Specify the volume to infer the Preference of the VM from. Mutually exclusive with --infer-preference' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-containerdisk -d 'Specify a containerdisk to be used by the VM. Can be provided multiple times. Supported parameters: name:string,src:string,bootorder:uint' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-pvc -d 'Specify a PVCs to be used by the VM. Can be provided multiple times. Supported parameters: name:string,src:string,bootorder:uint' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-import -d 'Specify the source for DataVolume. Can be provided multiple times. Supported parameters:   type blank - size:resource.Quantity,type:string,name:string,bootorder:uint   type gcs - secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint   type http - certconfigmap:string,extraheaders:[]string,secretextraheaders:[]string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint   type imageio - certconfigmap:string,diskid:string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint   type pvc - name:string,src:string,size:resource.Quantity,type:string,bootorder:uint   type registry - certconfigmap:string,imagestream:string,pullmethod:string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint   type s3 - certconfigmap:string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint   type vddk - backingfile:string,initimageurl:string,secretref:string,thumbprint:string,url:string,uuid:string,size:resource.Quantity,type:string,name:string,bootorder:uint   type snapshot - name:string,src:string,size:resource.Quantity,type:string,bootorder:uint   type ds - name:string,src:string,size:resource.Quantity,type:string,bootorder:uint' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-sysprep -d 'Specify a ConfigMap or Secret to be used as sysprep volume by the VM. Supported parameters: src:string,type:string' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l user -d 'Specify the user in the cloud-init user data that is added to the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l password-file -d 'Specify a file to read the password from for the cloud-init user data that is added to the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l ssh-key -d 'Specify one or more SSH authorized keys in the cloud-init user data that is added to the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l ga-manage-ssh -d 'Specify if the qemu-guest-agent should be able to manage SSH in the cloud-init user data that is added to the VM. This is useful in combination with the "credentials add-ssh-key" command or when using the --access-cred flag. [default: false]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l access-cred -d 'Specify an access credential to be injected into the VM. Can be provided multiple times. Supported parameters: type:string,src:string,method:string,user:string' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l cloud-init -d 'Specify the type of the generated cloud-init data source. Supported values: nocloud, configdrive, none [default: nocloud]' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l cloud-init-user-data -d 'Specify the base64 encoded cloud-init user data of the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l cloud-init-network-data -d 'Specify the base64 encoded cloud-init network data of the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-datasource -d 'Specify a DataSource to be cloned by the VM. Can be provided multiple times. Supported parameters: name:string,src:string,bootorder:uint,size:resource.Quantity DEPRECATED: Use --volume-import with type:ds and same params instead.' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-clone-pvc -d 'Specify a PVC to be cloned by the VM. Can be provided multiple times. Supported parameters: name:string,src:string,bootorder:uint,size:resource.Quantity DEPRECATED: Use --volume-import with type:pvc and same params instead.' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l volume-blank -d 'Specify a blank volume to be used by the VM. Can be provided multiple times. Supported parameters: name:string,size:resource.Quantity DEPRECATED: Use --volume-import with type:blank and same params instead.' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -s o -l output -d 'Output format: yaml (upstream\'s) or json (keys in the same sorted order)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from vm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Create a clone object manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "instancetype" -d 'Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "preference" -d 'Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "vm" -d 'Create a VirtualMachine manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -f -a "add-ssh-key" -d 'Add credentials to a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -f -a "remove-ssh-key" -d 'Remove credentials from a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -f -a "set-password" -d 'Set password for a user'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and not __fish_seen_subcommand_from add-ssh-key remove-ssh-key set-password help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -s u -l user -d 'Name of the user' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l secret -d 'Name of the secret with SSH keys' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l force -d 'Force update of secret, even if it\'s not owned by the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -s f -l file -d 'Path to the SSH public key file' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l value -d 'Literal value of the SSH public key' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l create-secret -d 'Create a new secret for the SSH key. The new key will not be added to a running VM. Use --force to add a new secret even if the VM is running' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l update-secret -d 'Add the SSH key to an existing secret. Use --force option, if the secret does not have owner reference pointing to the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from add-ssh-key" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -s u -l user -d 'Name of the user' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l secret -d 'Name of the secret with SSH keys' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l force -d 'Force update of secret, even if it\'s not owned by the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -s f -l file -d 'Path to the SSH public key file' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l value -d 'Literal value of the SSH public key' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from remove-ssh-key" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -s u -l user -d 'Name of the user' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l secret -d 'Name of the secret with SSH keys' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l force -d 'Force update of secret, even if it\'s not owned by the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -s p -l password -d 'Password for the user' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l password-file -d 'Read the password from this file (\'-\' for stdin) instead of --password; without either, a terminal prompts for it' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from set-password" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "add-ssh-key" -d 'Add credentials to a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "remove-ssh-key" -d 'Remove credentials from a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "set-password" -d 'Set password for a user'
complete -c virtctl -n "__fish_virtctl_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -f -a "log-verbosity" -d 'Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2'
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and not __fish_seen_subcommand_from log-verbosity help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l virt-api -d 'show/set virt-api log verbosity (0-9)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l virt-controller -d 'show/set virt-controller log verbosity (0-9)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l virt-handler -d 'show/set virt-handler log verbosity (0-9)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l virt-launcher -d 'show/set virt-launcher log verbosity (0-9)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l virt-operator -d 'show/set virt-operator log verbosity (0-9)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l all -d 'show/set all component log verbosity (0-9)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l reset -d 'reset log verbosity to the default verbosity (2) (empty the log verbosity)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from log-verbosity" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from help" -f -a "log-verbosity" -d 'Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2'
complete -c virtctl -n "__fish_virtctl_using_subcommand adm; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand permitted-devices" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l vmi -d 'Returns the object graph from the VMI instead of the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l exclude-optional -d 'Exclude optional nodes from the object graph' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l selector -d 'Label selectors to filter the object graph (multiple labels can be specified)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -s o -l output -d 'Output format. One of: json|yaml' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -l tree -d 'Print the graph as an indented tree (kind/name and dependency type) instead of JSON or YAML'
complete -c virtctl -n "__fish_virtctl_using_subcommand objectgraph" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -f -a "convert" -d 'Convert an OpenShift Template into a VirtualMachineTemplate'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -f -a "create" -d 'Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -f -a "process" -d 'Process a VirtualMachineTemplate and return the created VirtualMachine object'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and not __fish_seen_subcommand_from convert create process help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -s o -l output -d 'Specify the output format' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l name -d 'Specify the name of the OpenShift Template' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -s f -l file -d 'Specify a file containing an OpenShift Template' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l vm-name -d 'Specify the name of the VirtualMachine to create a template from' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l vm-namespace -d 'Specify the namespace of the VirtualMachine. If not specified, uses the current namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l name -d 'Specify the name for the created VirtualMachineTemplate. If not specified, uses a randomized name' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l name -d 'Specify the name of the VirtualMachineTemplate' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s f -l file -d 'Specify a file containing a VirtualMachineTemplate' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s o -l output -d 'Specify the output format' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s p -l param -d 'Specify parameters that should be used during processing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l params-file -d 'Specify a file that contains parameters that should be used during processing. Supports JSON and YAML dictionaries' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l local -d 'Force local processing of VirtualMachineTemplates' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l create -d 'Use subresource API to create a VM when processing a remote VirtualMachineTemplate' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l print-params -d 'Only print parameters of the specified VirtualMachineTemplates' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from process" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert an OpenShift Template into a VirtualMachineTemplate'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "process" -d 'Process a VirtualMachineTemplate and return the created VirtualMachine object'
complete -c virtctl -n "__fish_virtctl_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l volume-name -d 'name of the volume source, either DV or PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l disk-name -d 'name used in the disk/volume section of spec' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l serial -d 'serial number you want to assign to the disk' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l cache -d 'caching options attribute control the cache mechanism' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l persist -d '[deprecated] this flag has no effect and will be removed in a future release' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l disk-type -d 'specifies disk type to be hotplugged (disk/lun). Disk by default' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l bus -d 'specifies disk bus. scsi by default' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand addvolume" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l volume-name -d 'name used in volumes section of spec' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l persist -d '[deprecated] this flag has no effect and will be removed in a future release' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l dry-run -d '--dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l wait -d 'Wait until the virtual machine reaches the requested state' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l timeout -d 'How long --wait waits (e.g. 90s, 5m) before failing' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand removevolume" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l vm -d 'Specify VirtualMachine name that should be expanded. Mutually exclusive with "--file" flag' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -s f -l file -d 'If present, the Virtual Machine spec in provided file will be expanded. Mutually exclusive with "--vm" flag' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -s o -l output -d 'Specify a format that will be used to display output' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expand" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l name -d 'Name of the service created for the exposure of the VM' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l cluster-ip -d 'ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to \'None\' to create a headless service' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l external-ip -d 'Additional external IP address (not managed by the cluster) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP. Optional' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l port -d 'The port that the service should serve on' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l protocol -d 'The network protocol for the service to be created' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l target-port -d 'Name or number for the port on the VM that the service should direct traffic to. Optional' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l type -d 'Type for this service: ClusterIP, NodePort, or LoadBalancer' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l port-name -d 'Name of the port. Optional' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l ip-family -d 'IP family over which the service will be exposed. Valid values are \'IPv4\', \'IPv6\', \'IPv4,IPv6\' or \'IPv6,IPv4\'' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l ip-family-policy -d 'IP family policy defines whether the service can use IPv4, IPv6, or both. Valid values are \'SingleStack\', \'PreferDualStack\' or \'RequireDualStack\'' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand expose" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l access-mode -d '--access-mode=\'\': The access mode for the PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l claim-name -d '--claim-name=\'\': pvc name to contain the memory dump' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l create-claim -d '--create-claim=false: Create the pvc that will conatin the memory dump' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l format -d '--format=\'\': Specifies the format of the memory dump download (gzipped or raw)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l local-port -d '--local-port=\'0\': Specify port for port-forward' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l output -d '--output=\'\': Specifies the output path of the memory dump to be downloaded' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l port-forward -d '--port-forward=false: Configure and set port-forward in a random port to download the memory dump' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l storage-class -d '--storage-class=\'\': The storage class for the PVC' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l timeout -d '--timeout=10m: How long to wait for the memory dump to complete before downloading it (e.g. 90s, 5m)' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand memory-dump" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l client-key -d 'Path to a client key file for TLS' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l context -d 'The name of the kubeconfig context to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l password -d 'Password for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l proxy-url -d 'If provided, this URL will be used to connect via proxy' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l tls-server-name -d 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l token -d 'Bearer token for authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l user -d 'The name of the kubeconfig user to use' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -l username -d 'Username for basic authentication to the API server' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -s v -l v -d 'number for the log level verbosity' -r
complete -c virtctl -n "__fish_virtctl_using_subcommand options" -s h -l help -d 'Print help'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "start" -d 'Start a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "stop" -d 'Stop a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "restart" -d 'Restart a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "pause" -d 'Pause a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "unpause" -d 'Unpause a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "migrate" -d 'Migrate a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "migrate-cancel" -d 'Cancel migration of a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "evacuate-cancel" -d 'Cancel evacuation for a VM, VMI, or all VMIs on a node'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "soft-reboot" -d 'Soft reboot a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "reset" -d 'Reset a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "guestosinfo" -d 'Return guest agent info about operating system'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "userlist" -d 'Return full list of logged in users on a guest OS'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "fslist" -d 'Return full list of filesystems available on a guest OS'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "doctor" -d 'Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only)'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "console" -d 'Connect to a console of a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "port-forward" -d 'Forward local ports to a virtualmachine or virtualmachineinstance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "vnc" -d 'Open a VNC connection to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "ssh" -d 'Open a SSH connection to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "scp" -d 'SCP files from/to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "usbredir" -d 'Redirect a USB device to a virtual machine instance'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "version" -d 'Print the client and server version information'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "completion" -d 'Generate the autocompletion script for the specified shell'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "image-upload" -d 'Upload a VM image to a DataVolume/PersistentVolumeClaim'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "guestfs" -d 'Start a shell into the libguestfs pod'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "vmexport" -d 'Export a VM volume'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "create" -d 'Create a manifest for the specified Kind'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "credentials" -d 'Manipulate credentials on a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "adm" -d 'Administrate KubeVirt configuration'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "permitted-devices" -d 'List the permitted devices for vmis'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "objectgraph" -d 'Returns dependency graph related to a VM|VMI'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "template" -d 'Work with VirtualMachineTemplates'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "addvolume" -d 'add a volume to a running VM'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "removevolume" -d 'remove a volume from a running VM'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "expand" -d 'Return the VirtualMachine object with expanded instancetype and preference'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "expose" -d 'Expose a virtual machine instance, virtual machine, or virtual machine instance replica set as a new service'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "memory-dump" -d 'Dump the memory of a running VM to a pvc'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "options" -d 'Print the list of flags inherited by all commands'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and not __fish_seen_subcommand_from start stop restart pause unpause migrate migrate-cancel evacuate-cancel soft-reboot reset guestosinfo userlist fslist doctor console port-forward vnc ssh scp usbredir version completion image-upload guestfs vmexport create credentials adm permitted-devices objectgraph template addvolume removevolume expand expose memory-dump options help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from doctor" -f -a "checkup" -d 'Run a cluster checkup (creates objects in the target namespace) or read a checkup\'s result'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from doctor" -f -a "vm" -d 'One VM\'s story in one report: VM, VMI, pods, volumes, migrations, events, launcher log and the checks that apply to a single VM (read-only)'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from vnc" -f -a "screenshot" -d 'Create a screenshot of the VirtualMachineInstance\'s display'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "clone" -d 'Create a clone object manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "instancetype" -d 'Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "preference" -d 'Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "vm" -d 'Create a VirtualMachine manifest'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from credentials" -f -a "add-ssh-key" -d 'Add credentials to a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from credentials" -f -a "remove-ssh-key" -d 'Remove credentials from a virtual machine'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from credentials" -f -a "set-password" -d 'Set password for a user'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from adm" -f -a "log-verbosity" -d 'Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "convert" -d 'Convert an OpenShift Template into a VirtualMachineTemplate'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "create" -d 'Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster'
complete -c virtctl -n "__fish_virtctl_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "process" -d 'Process a VirtualMachineTemplate and return the created VirtualMachine object'
