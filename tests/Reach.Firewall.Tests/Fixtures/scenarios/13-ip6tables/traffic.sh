ping -6 -c 1 -W 1 ::1 >/dev/null || true
