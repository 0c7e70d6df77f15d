# One refused connection over lo, so the rule's counter is not zero.
timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/80' || true
