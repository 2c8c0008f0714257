"""nginx with the configuration the README documents (docs/nginx/iswg-portal.conf) in front of
an app server on this machine: used by tests/cache/test_nginx.py and by bench/load.py
(`--nginx`). Runs from a folder of its own (its cache, temporary files, pid and error log)."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "docs" / "nginx" / "iswg-portal.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def documented_config(listen_port, upstream, cache_dir):
    """The README's configuration with this machine's ports and a cache of its own."""
    text = CONFIG.read_text()
    for documented, here in [
        ("listen 80;", f"listen 127.0.0.1:{listen_port};"),
        ("server 127.0.0.1:8000;", f"server {upstream};"),
        ("/var/cache/nginx/iswg", str(cache_dir)),
    ]:
        if documented not in text:
            raise ValueError(f"{CONFIG} no longer says {documented!r}")
        text = text.replace(documented, here)
    return text


def start_nginx(folder, upstream, worker_connections=128):
    """nginx in the foreground in front of `upstream` (host:port), everything it writes in
    `folder`; returns (process, port) once it accepts connections."""
    folder = Path(folder)
    port = free_port()
    (folder / "iswg.conf").write_text(documented_config(port, upstream, folder / "cache"))
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    # Run as root (CI), nginx's workers would otherwise switch to a user who cannot write here.
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""
        daemon off;
        {user}
        worker_processes 1;
        pid {folder}/nginx.pid;
        error_log {folder}/error.log warn;
        events {{ worker_connections {worker_connections}; }}
        http {{
            access_log off;
            client_body_temp_path {temp["body"]};
            proxy_temp_path {temp["proxy"]};
            fastcgi_temp_path {temp["fastcgi"]};
            uwsgi_temp_path {temp["uwsgi"]};
            scgi_temp_path {temp["scgi"]};
            include {folder}/iswg.conf;
        }}
        """
    )
    process = subprocess.Popen(  # noqa: S603 - nginx from the system, our own config
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                message = process.stderr.read().decode()
                raise RuntimeError(f"nginx did not start: {message}") from None
            time.sleep(0.05)
