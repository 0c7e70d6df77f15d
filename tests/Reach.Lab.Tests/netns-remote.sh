#!/bin/sh
# A stand-in for ssh in the lab: `REACH_SSH_COMMAND="sh netns-remote.sh NS"` runs the remote command that
# `reach check --server` would send over SSH inside network namespace NS instead, as an operator's
# already-open session would. For faults that stop new connections to the server itself (a full
# conntrack table drops the SSH handshake too), and so that no sshd is needed. reach appends ssh's own
# arguments (-o BatchMode=yes … -- HOST 'COMMAND'): only the last one, the remote command, is used.
ns=$1
shift
eval "command=\${$#}"
# shellcheck disable=SC2154 # set by the eval above
exec ip netns exec "$ns" sh -c "$command"
