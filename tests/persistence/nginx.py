"""deploy/nginx/vaxjo-assistant.conf run by Debian's nginx in front of the test's Rasa instances: the file's own
upstreams, rate limit and locations, with only the addresses, the TLS lines and the listening port replaced."""
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Sequence

import requests

from tests.servers import ROOT

SITE = ROOT / "deploy" / "nginx" / "vaxjo-assistant.conf"


def site_config(instances: Sequence[int], port: int) -> str:
    text = SITE.read_text()
    text = re.sub(r"^\s*ssl_certificate.*\n", "", text, flags=re.M)
    text = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{port};", text)

    def local_servers(block: re.Match) -> str:
        servers = iter(instances)
        lines = []
        for line in block.group(0).splitlines(keepends=True):
            address = re.match(r"(\s*server )\d+\.\d+\.\d+\.\d+:\d+(.*)", line)
            if address:
                instance = next(servers, None)
                if instance is None:
                    continue
                line = f"{address.group(1)}127.0.0.1:{instance}{address.group(2)}\n"
            lines.append(line)
        return "".join(lines)

    return re.sub(r"upstream \w+ \{.*?\n\}", local_servers, text, flags=re.S)


class Nginx:
    def __init__(self, instances: Sequence[int], port: int, directory: Path):
        self.port, self.directory, self.process = port, directory, None
        self.url = f"http://127.0.0.1:{port}"
        self.access_log = directory / "access.log"
        (directory / "site.conf").write_text(site_config(instances, port))
        temp = "".join(f"{kind}_temp_path {directory / kind};\n  " for kind in ("client_body", "proxy", "fastcgi",
                                                                             "uwsgi", "scgi"))
        (directory / "nginx.conf").write_text(f"""user root;
worker_processes 1;
pid {directory / 'nginx.pid'};
error_log {directory / 'error.log'} warn;
events {{ worker_connections 512; }}
http {{
  log_format upstream '$status $upstream_addr';
  access_log {self.access_log} upstream;
  {temp}include {directory / 'site.conf'};
}}
""")

    def start(self) -> "Nginx":
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx is not installed: apt-get install nginx-light (Debian)")
        command = [binary, "-p", str(self.directory), "-c", str(self.directory / "nginx.conf")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode:
            raise RuntimeError(f"nginx refused the configuration: {checked.stderr}")
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                        stderr=open(self.directory / "stderr.log", "w"), start_new_session=True)
        for _ in range(50):
            try:
                requests.get(f"{self.url}/", timeout=1)  # `location /` answers 404 once nginx listens
                return self
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"nginx did not start: {(self.directory / 'error.log').read_text()[-2000:]}")

    def upstreams(self) -> list:
        """The instance address of each request nginx passed on, from its access log."""
        return [line.split()[1] for line in self.access_log.read_text().splitlines() if line.split()[1:]]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
