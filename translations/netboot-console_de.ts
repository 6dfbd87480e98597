<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ArtifactStore</name>
    <message>
        <source>no file is set</source>
        <translation>keine Datei festgelegt</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not an x86 Linux kernel (bzImage); use vmlinuz-amd64 from a Talos release or kernel-amd64 from the Image Factory</source>
        <translation>%1 ist kein x86-Linux-Kernel (bzImage); verwenden Sie vmlinuz-amd64 aus einem Talos-Release oder kernel-amd64 aus der Image Factory</translation>
    </message>
    <message>
        <source>%1 is not an initramfs (xz, zstd or gzip compressed cpio); use initramfs-amd64.xz from a Talos release</source>
        <translation>%1 ist kein Initramfs (mit xz, zstd oder gzip komprimiertes cpio); verwenden Sie initramfs-amd64.xz aus einem Talos-Release</translation>
    </message>
</context>
<context>
    <name>AssignCommand</name>
    <message numerus="yes">
        <source>%n machines</source>
        <translation>
            <numerusform>%n Maschine</numerusform>
            <numerusform>%n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the assignment of %1</source>
        <translation>Zuweisung von %1 entfernen</translation>
    </message>
    <message>
        <source>Assign %1 to %2</source>
        <translation>%1 an %2 zuweisen</translation>
    </message>
</context>
<context>
    <name>BindPermission</name>
    <message>
        <source>Running as root: the console may use ports 67 and 69.</source>
        <translation>Läuft als root: die Konsole darf die Ports 67 und 69 verwenden.</translation>
    </message>
    <message>
        <source>This program has CAP_NET_BIND_SERVICE: it may use ports 67 and 69 without root.</source>
        <translation>Dieses Programm hat CAP_NET_BIND_SERVICE: es darf die Ports 67 und 69 ohne root verwenden.</translation>
    </message>
    <message>
        <source>This system lets every program use ports from %1 up (net.ipv4.ip_unprivileged_port_start), so port %2 needs no privilege.</source>
        <translation>Dieses System erlaubt jedem Programm Ports ab %1 (net.ipv4.ip_unprivileged_port_start), daher braucht Port %2 keine Berechtigung.</translation>
    </message>
    <message>
        <source>This program may not use port %1 (DHCP) or other ports below %2. Run it as root, or allow it once with: %3</source>
        <translation>Dieses Programm darf Port %1 (DHCP) und andere Ports unter %2 nicht verwenden. Starten Sie es als root oder erlauben Sie es einmalig mit: %3</translation>
    </message>
</context>
<context>
    <name>ConfigRenderer</name>
    <message>
        <source>the hostname &apos;%1&apos; is not a valid host name: use letters, digits and &apos;-&apos; (e.g. worker-1)</source>
        <translation>der Hostname „%1“ ist kein gültiger Hostname: verwenden Sie Buchstaben, Ziffern und „-“ (z. B. worker-1)</translation>
    </message>
    <message>
        <source>the install disk &apos;%1&apos; is not a device path: write it like /dev/sda or /dev/disk/by-id/...</source>
        <translation>die Installationsplatte „%1“ ist kein Gerätepfad: schreiben Sie ihn wie /dev/sda oder /dev/disk/by-id/...</translation>
    </message>
    <message>
        <source>patch %1 uses a YAML alias (*name), which is not accepted: write the values out</source>
        <translation>Patch %1 verwendet einen YAML-Alias (*name), der nicht akzeptiert wird: schreiben Sie die Werte aus</translation>
    </message>
    <message>
        <source>patch %1 is not valid YAML (a &apos;,&apos; outside [ ] or { }): fix the patch file</source>
        <translation>Patch %1 ist kein gültiges YAML (ein „,“ außerhalb von [ ] oder { }): korrigieren Sie die Patch-Datei</translation>
    </message>
    <message>
        <source>patch %1 is not valid YAML (%2): fix the patch file</source>
        <translation>Patch %1 ist kein gültiges YAML (%2): korrigieren Sie die Patch-Datei</translation>
    </message>
    <message>
        <source>patch %1 is not a set of &apos;key: value&apos; lines: fix the patch file</source>
        <translation>Patch %1 besteht nicht aus Zeilen der Form „key: value“: korrigieren Sie die Patch-Datei</translation>
    </message>
    <message>
        <source>patch %1 removes the v1alpha1 document: fix the patch file</source>
        <translation>Patch %1 entfernt das v1alpha1-Dokument: korrigieren Sie die Patch-Datei</translation>
    </message>
    <message>
        <source>the rendered config does not read back as written; please report this with the config&apos;s structure (not its secrets)</source>
        <translation>die erzeugte Konfiguration liest sich nicht so zurück, wie sie geschrieben wurde; bitte melden Sie dies mit der Struktur der Konfiguration (nicht ihren Geheimnissen)</translation>
    </message>
    <message>
        <source>the config cannot be rendered (%1): check its structure</source>
        <translation>die Konfiguration kann nicht erzeugt werden (%1): prüfen Sie ihre Struktur</translation>
    </message>
</context>
<context>
    <name>DhcpAnswer</name>
    <message>
        <source>%1 is a proxy DHCP: it offers no address, only network boot</source>
        <translation>%1 ist ein Proxy-DHCP: er vergibt keine Adresse, nur Netzwerk-Boot</translation>
    </message>
    <message>
        <source>%1 offers %2 (subnet %3)</source>
        <translation>%1 bietet %2 an (Subnetz %3)</translation>
    </message>
    <message>
        <source>%1 offers %2</source>
        <translation>%1 bietet %2 an</translation>
    </message>
    <message>
        <source>, router %1</source>
        <translation>, Router %1</translation>
    </message>
    <message>
        <source>boot file %1</source>
        <translation>Boot-Datei %1</translation>
    </message>
    <message>
        <source>next server %1</source>
        <translation>Next-Server %1</translation>
    </message>
    <message>
        <source>TFTP server %1</source>
        <translation>TFTP-Server %1</translation>
    </message>
    <message>
        <source>PXE options</source>
        <translation>PXE-Optionen</translation>
    </message>
    <message>
        <source>a second netboot server (%1)</source>
        <translation>ein zweiter Netboot-Server (%1)</translation>
    </message>
    <message>
        <source>a second netboot server</source>
        <translation>ein zweiter Netboot-Server</translation>
    </message>
    <message>
        <source>it is this computer (is a console already running?)</source>
        <translation>es ist dieser Computer (läuft bereits eine Konsole?)</translation>
    </message>
</context>
<context>
    <name>DoctorReport</name>
    <message>
        <source>There is no network interface &apos;%1&apos;: choose one that is connected to the machines&apos; switch.</source>
        <translation>Es gibt keine Netzwerkschnittstelle „%1“: wählen Sie eine, die mit dem Switch der Maschinen verbunden ist.</translation>
    </message>
    <message>
        <source>A DHCP server (%1) gives out addresses on this network: use proxy mode, which adds network boot next to it and never hands out addresses itself.</source>
        <translation>Ein DHCP-Server (%1) vergibt Adressen in diesem Netz: verwenden Sie den Proxy-Modus, der den Netzwerk-Boot daneben ergänzt und selbst nie Adressen vergibt.</translation>
    </message>
    <message>
        <source>Interface %1 has no IPv4 address yet: let it get one from that server (or give it a free address in %2) before the console serves.</source>
        <translation>Schnittstelle %1 hat noch keine IPv4-Adresse: lassen Sie sie eine von diesem Server beziehen (oder geben Sie ihr eine freie Adresse in %2), bevor die Konsole Dienste anbietet.</translation>
    </message>
    <message>
        <source>its subnet</source>
        <translation>ihrem Subnetz</translation>
    </message>
    <message>
        <source>No DHCP server answered: this looks like an isolated network. Use full DHCP mode: the console gives the machines addresses itself (%1) and serves on %2.</source>
        <translation>Kein DHCP-Server hat geantwortet: dies scheint ein isoliertes Netz zu sein. Verwenden Sie den vollen DHCP-Modus: die Konsole vergibt den Maschinen selbst Adressen (%1) und arbeitet auf %2.</translation>
    </message>
    <message>
        <source>choose a range in the settings</source>
        <translation>wählen Sie einen Bereich in den Einstellungen</translation>
    </message>
    <message>
        <source>No DHCP server answered: this looks like an isolated network. Use full DHCP mode, but first give the interface an address, for example: sudo ip addr add 10.77.0.1/24 dev %1</source>
        <translation>Kein DHCP-Server hat geantwortet: dies scheint ein isoliertes Netz zu sein. Verwenden Sie den vollen DHCP-Modus, geben Sie der Schnittstelle aber zuerst eine Adresse, zum Beispiel: sudo ip addr add 10.77.0.1/24 dev %1</translation>
    </message>
    <message>
        <source>Whether a DHCP server answers here could not be checked. Proxy mode is the safe choice: it never hands out addresses. If the machines are on a switch of their own, run the doctor as root to check, and use full DHCP mode if nobody answers.</source>
        <translation>Ob hier ein DHCP-Server antwortet, konnte nicht geprüft werden. Der Proxy-Modus ist die sichere Wahl: er vergibt nie Adressen. Hängen die Maschinen an einem eigenen Switch, führen Sie die Diagnose als root aus, um es zu prüfen, und verwenden Sie den vollen DHCP-Modus, wenn niemand antwortet.</translation>
    </message>
    <message>
        <source>A second netboot server (%1) already answers PXE clients here: machines may boot from it instead. Switch its network boot off, or put the machines on a switch of their own.</source>
        <translation>Ein zweiter Netboot-Server (%1) beantwortet hier bereits PXE-Clients: Maschinen könnten stattdessen von ihm booten. Schalten Sie dort den Netzwerk-Boot ab oder hängen Sie die Maschinen an einen eigenen Switch.</translation>
    </message>
    <message>
        <source>Network doctor report for %1 (%2)</source>
        <translation>Bericht der Netzwerkdiagnose für %1 (%2)</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos;. Check the name with: ip link</source>
        <translation>Es gibt keine Netzwerkschnittstelle „%1“. Prüfen Sie den Namen mit: ip link</translation>
    </message>
    <message>
        <source>DHCP servers answering a PXE client on %1</source>
        <translation>DHCP-Server, die einem PXE-Client auf %1 antworten</translation>
    </message>
    <message>
        <source>Not checked: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
    <message>
        <source>Nobody answered.</source>
        <translation>Niemand hat geantwortet.</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n Antwort konnte nicht gelesen werden und wurde übersprungen.</numerusform>
            <numerusform>%n Antworten konnten nicht gelesen werden und wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <source>%1 %2 (%3): free</source>
        <translation>%1 %2 (%3): frei</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>Berechtigung</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>Firewall</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>Modus: %1</translation>
    </message>
    <message>
        <source>Serve on: %1</source>
        <translation>Dienste auf: %1</translation>
    </message>
    <message>
        <source>Address range: %1</source>
        <translation>Adressbereich: %1</translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos;.</source>
        <translation>Es gibt keine Netzwerkschnittstelle „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s).</source>
        <translation>
            <numerusform>%n Antwort.</numerusform>
            <numerusform>%n Antworten.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2: free</source>
        <translation>%1 %2: frei</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>Port %1 is privileged. Run as root, or allow this program to bind it once with: sudo setcap &apos;cap_net_bind_service,cap_net_raw=+ep&apos; %2</source>
        <translation>Port %1 ist privilegiert. Starten Sie als root oder erlauben Sie diesem Programm einmalig, ihn zu belegen, mit: sudo setcap &apos;cap_net_bind_service,cap_net_raw=+ep&apos; %2</translation>
    </message>
    <message>
        <source>Check the interface and address in the settings.</source>
        <translation>Prüfen Sie Schnittstelle und Adresse in den Einstellungen.</translation>
    </message>
    <message>
        <source>Another program already uses port %1 (often dnsmasq or another PXE server). Find it with: sudo ss -%2lpn &apos;sport = :%1&apos; ; stop it, or choose another port.</source>
        <translation>Ein anderes Programm verwendet Port %1 bereits (oft dnsmasq oder ein anderer PXE-Server). Finden Sie es mit: sudo ss -%2lpn &apos;sport = :%1&apos; ; beenden Sie es oder wählen Sie einen anderen Port.</translation>
    </message>
</context>
<context>
    <name>FileContent</name>
    <message>
        <source>an empty file</source>
        <translation>eine leere Datei</translation>
    </message>
    <message>
        <source>an x86 Linux kernel (bzImage)</source>
        <translation>ein x86-Linux-Kernel (bzImage)</translation>
    </message>
    <message>
        <source>an EFI or Windows executable (for example a UKI), not a bare kernel</source>
        <translation>eine EFI- oder Windows-Programmdatei (zum Beispiel ein UKI), kein reiner Kernel</translation>
    </message>
    <message>
        <source>an ELF executable, not a bzImage kernel</source>
        <translation>eine ELF-Programmdatei, kein bzImage-Kernel</translation>
    </message>
    <message>
        <source>an ISO 9660 image</source>
        <translation>ein ISO-9660-Abbild</translation>
    </message>
    <message>
        <source>an xz-compressed file</source>
        <translation>eine xz-komprimierte Datei</translation>
    </message>
    <message>
        <source>a zstd-compressed file</source>
        <translation>eine zstd-komprimierte Datei</translation>
    </message>
    <message>
        <source>a gzip-compressed file</source>
        <translation>eine gzip-komprimierte Datei</translation>
    </message>
    <message>
        <source>a bzip2-compressed file</source>
        <translation>eine bzip2-komprimierte Datei</translation>
    </message>
    <message>
        <source>an uncompressed cpio archive</source>
        <translation>ein unkomprimiertes cpio-Archiv</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>ein ZIP-Archiv</translation>
    </message>
    <message>
        <source>a tar archive</source>
        <translation>ein tar-Archiv</translation>
    </message>
    <message>
        <source>unrecognised binary data</source>
        <translation>unbekannte Binärdaten</translation>
    </message>
    <message>
        <source>an HTML page (“%1”)</source>
        <translation>eine HTML-Seite („%1“)</translation>
    </message>
    <message>
        <source>an HTML page</source>
        <translation>eine HTML-Seite</translation>
    </message>
    <message>
        <source>an XML document</source>
        <translation>ein XML-Dokument</translation>
    </message>
    <message>
        <source>a JSON document (“%1”)</source>
        <translation>ein JSON-Dokument („%1“)</translation>
    </message>
    <message>
        <source>a text file starting with “%1”</source>
        <translation>eine Textdatei, die mit „%1“ beginnt</translation>
    </message>
</context>
<context>
    <name>FirewallFinding</name>
    <message>
        <source>The firewall rules (nft -j list ruleset) could not be read, so they were not checked. Look at them with: sudo nft list ruleset</source>
        <translation>Die Firewall-Regeln (nft -j list ruleset) konnten nicht gelesen und daher nicht geprüft werden. Sehen Sie sie sich an mit: sudo nft list ruleset</translation>
    </message>
    <message>
        <source>nft (nftables) is not installed, so the firewall was not checked. If machines get no answer, check that your firewall lets in UDP 67, 69, 4011 and TCP 8080, or install nftables and run the doctor again.</source>
        <translation>nft (nftables) ist nicht installiert, daher wurde die Firewall nicht geprüft. Bekommen Maschinen keine Antwort, prüfen Sie, ob Ihre Firewall UDP 67, 69, 4011 und TCP 8080 hereinlässt, oder installieren Sie nftables und starten Sie die Diagnose erneut.</translation>
    </message>
    <message>
        <source>%1 could not be started, so the firewall was not checked.</source>
        <translation>%1 konnte nicht gestartet werden, daher wurde die Firewall nicht geprüft.</translation>
    </message>
    <message numerus="yes">
        <source>%1 did not answer within %n seconds, so the firewall was not checked.</source>
        <translation>
            <numerusform>%1 hat nicht innerhalb von %n Sekunde geantwortet, daher wurde die Firewall nicht geprüft.</numerusform>
            <numerusform>%1 hat nicht innerhalb von %n Sekunden geantwortet, daher wurde die Firewall nicht geprüft.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the firewall rules needs root, so they were not checked. Run the doctor as root (sudo) to check them.</source>
        <translation>Zum Lesen der Firewall-Regeln sind root-Rechte nötig, daher wurden sie nicht geprüft. Starten Sie die Diagnose als root (sudo), um sie zu prüfen.</translation>
    </message>
    <message>
        <source>nft could not list the firewall rules (%1), so they were not checked.</source>
        <translation>nft konnte die Firewall-Regeln nicht auflisten (%1), daher wurden sie nicht geprüft.</translation>
    </message>
    <message>
        <source>The firewall (nftables) has no input chain: nothing is filtered.</source>
        <translation>Die Firewall (nftables) hat keine Input-Chain: nichts wird gefiltert.</translation>
    </message>
    <message>
        <source>The firewall (nftables) lets the console&apos;s ports in.</source>
        <translation>Die Firewall (nftables) lässt die Ports der Konsole herein.</translation>
    </message>
    <message>
        <source>The firewall (nftables, chain %1) would drop %2: machines would get no answer. Let them in, for example with: %3 (until the next restart; make it permanent in your firewall&apos;s settings).</source>
        <translation>Die Firewall (nftables, Chain %1) würde %2 verwerfen: Maschinen bekämen keine Antwort. Lassen Sie sie herein, zum Beispiel mit: %3 (bis zum nächsten Neustart; dauerhaft in den Einstellungen Ihrer Firewall).</translation>
    </message>
</context>
<context>
    <name>InstalledState</name>
    <message>
        <source>larger than %1 bytes</source>
        <translation>größer als %1 Bytes</translation>
    </message>
    <message>
        <source>not a list of installed machines</source>
        <translation>keine Liste installierter Maschinen</translation>
    </message>
    <message>
        <source>%1 could not be read (%2) and was moved to %3: machines installed before are network-booted again until Talos reports their install.</source>
        <translation>%1 konnte nicht gelesen werden (%2) und wurde nach %3 verschoben: zuvor installierte Maschinen booten wieder übers Netz, bis Talos ihre Installation meldet.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>InterfaceInfo</name>
    <message>
        <source>down</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>up, link detected</source>
        <translation>aktiv, Verbindung erkannt</translation>
    </message>
    <message>
        <source>up, no link (is the cable in?)</source>
        <translation>aktiv, keine Verbindung (steckt das Kabel?)</translation>
    </message>
    <message>
        <source>no IPv4 address</source>
        <translation>keine IPv4-Adresse</translation>
    </message>
    <message>
        <source>(recommended)</source>
        <translation>(empfohlen)</translation>
    </message>
    <message>
        <source>Ethernet</source>
        <translation>Ethernet</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>WLAN</translation>
    </message>
    <message>
        <source>bridge</source>
        <translation>Bridge</translation>
    </message>
    <message>
        <source>virtual</source>
        <translation>virtuell</translation>
    </message>
    <message>
        <source>loopback</source>
        <translation>Loopback</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>Wi-Fi: machines cannot network-boot over it; choose the wired interface of the rack&apos;s switch</source>
        <translation>WLAN: Maschinen können darüber nicht übers Netz booten; wählen Sie die kabelgebundene Schnittstelle zum Switch des Racks</translation>
    </message>
    <message>
        <source>virtual (a container, VPN or veth link): choose it only if the machines are on it</source>
        <translation>virtuell (ein Container, VPN oder veth-Link): wählen Sie sie nur, wenn die Maschinen daran hängen</translation>
    </message>
    <message>
        <source>a bridge: fine if the rack&apos;s cable is one of its ports</source>
        <translation>eine Bridge: in Ordnung, wenn das Kabel des Racks an einem ihrer Ports hängt</translation>
    </message>
    <message>
        <source>down: bring it up (sudo ip link set &lt;name&gt; up) or choose another</source>
        <translation>inaktiv: aktivieren Sie sie (sudo ip link set &lt;name&gt; up) oder wählen Sie eine andere</translation>
    </message>
    <message>
        <source>no link: plug the cable into the switch and check that the switch is on</source>
        <translation>keine Verbindung: stecken Sie das Kabel in den Switch und prüfen Sie, ob der Switch eingeschaltet ist</translation>
    </message>
    <message>
        <source>no IPv4 address: give it one (full DHCP mode) or connect it to the LAN&apos;s DHCP server</source>
        <translation>keine IPv4-Adresse: geben Sie ihr eine (voller DHCP-Modus) oder verbinden Sie sie mit dem DHCP-Server des LANs</translation>
    </message>
    <message>
        <source>loopback: only this computer can reach it</source>
        <translation>Loopback: nur dieser Computer erreicht sie</translation>
    </message>
</context>
<context>
    <name>IsoImport</name>
    <message>
        <source>No ISO file is chosen. Choose a Talos ISO such as metal-amd64.iso.</source>
        <translation>Keine ISO-Datei gewählt. Wählen Sie ein Talos-ISO wie metal-amd64.iso.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2. Check that the file exists and that you may read it.</source>
        <translation>%1 kann nicht gelesen werden: %2. Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>%1 is not an ISO image: it is %2. Choose a Talos ISO such as metal-amd64.iso.</source>
        <translation>%1 ist kein ISO-Abbild, sondern %2. Wählen Sie ein Talos-ISO wie metal-amd64.iso.</translation>
    </message>
    <message>
        <source>%1 cannot be read as an ISO image (%2): it may be damaged or incomplete. Download it again.</source>
        <translation>%1 kann nicht als ISO-Abbild gelesen werden (%2): es ist womöglich beschädigt oder unvollständig. Laden Sie es erneut herunter.</translation>
    </message>
    <message>
        <source>This ISO has only a UKI (%1): it boots with UEFI HTTP boot, not with a separate kernel and initramfs. Download the kernel and initramfs from an Image Factory instead.</source>
        <translation>Dieses ISO enthält nur ein UKI (%1): es bootet per UEFI-HTTP-Boot, nicht mit separatem Kernel und Initramfs. Laden Sie Kernel und Initramfs stattdessen aus einer Image Factory herunter.</translation>
    </message>
    <message>
        <source>This ISO has only a UEFI boot loader (%1) and no /boot/vmlinuz or /boot/initramfs.xz: it is an arm64 or SecureBoot ISO that boots a UKI. Download the kernel and initramfs from an Image Factory instead.</source>
        <translation>Dieses ISO enthält nur einen UEFI-Bootloader (%1) und kein /boot/vmlinuz oder /boot/initramfs.xz: es ist ein arm64- oder SecureBoot-ISO, das ein UKI bootet. Laden Sie Kernel und Initramfs stattdessen aus einer Image Factory herunter.</translation>
    </message>
    <message>
        <source>This ISO has %1 but no %2, so the kernel and initramfs cannot both be taken from it. Use metal-amd64.iso from a Talos release or an Image Factory.</source>
        <translation>Dieses ISO enthält %1, aber kein %2, daher lassen sich Kernel und Initramfs nicht beide daraus entnehmen. Verwenden Sie metal-amd64.iso aus einem Talos-Release oder einer Image Factory.</translation>
    </message>
    <message>
        <source>no files</source>
        <translation>keine Dateien</translation>
    </message>
    <message>
        <source>This ISO has no /boot/vmlinuz and /boot/initramfs.xz, so it is not a Talos ISO (found: %1). Use metal-amd64.iso from a Talos release or an Image Factory.</source>
        <translation>Dieses ISO enthält kein /boot/vmlinuz und /boot/initramfs.xz und ist daher kein Talos-ISO (gefunden: %1). Verwenden Sie metal-amd64.iso aus einem Talos-Release oder einer Image Factory.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Check the free space and the permissions of %3.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Prüfen Sie den freien Platz und die Berechtigungen von %3.</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>der Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation>Import abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>%1 ends after %2 of %3 bytes</source>
        <translation>%1 endet nach %2 von %3 Bytes</translation>
    </message>
    <message>
        <source>%1 is listed but cannot be read</source>
        <translation>%1 ist aufgeführt, kann aber nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 in this ISO is %2, not an x86 Linux kernel (bzImage), so the ISO cannot be used for network boot. Use metal-amd64.iso from a Talos release or an Image Factory.</source>
        <translation>%1 in diesem ISO ist %2, kein x86-Linux-Kernel (bzImage), daher kann das ISO nicht für den Netzwerk-Boot verwendet werden. Verwenden Sie metal-amd64.iso aus einem Talos-Release oder einer Image Factory.</translation>
    </message>
    <message>
        <source>%1 in this ISO is %2, not a compressed initramfs, so the ISO cannot be used for network boot. Use metal-amd64.iso from a Talos release or an Image Factory.</source>
        <translation>%1 in diesem ISO ist %2, kein komprimiertes Initramfs, daher kann das ISO nicht für den Netzwerk-Boot verwendet werden. Verwenden Sie metal-amd64.iso aus einem Talos-Release oder einer Image Factory.</translation>
    </message>
</context>
<context>
    <name>KitBundle</name>
    <message>
        <source>unknown archive error</source>
        <translation>unbekannter Archivfehler</translation>
    </message>
    <message>
        <source>netboot.yaml names %1 by its absolute path: on another computer the workspace must be in the same place, or the path changed to %2.</source>
        <translation>netboot.yaml nennt %1 mit absolutem Pfad: auf einem anderen Computer muss der Arbeitsordner am selben Ort liegen, oder der Pfad muss in %2 geändert werden.</translation>
    </message>
    <message>
        <source>outside the workspace folder</source>
        <translation>außerhalb des Arbeitsordners</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>not a plain file</source>
        <translation>keine normale Datei</translation>
    </message>
    <message>
        <source>not a folder</source>
        <translation>kein Ordner</translation>
    </message>
    <message>
        <source>an empty name</source>
        <translation>ein leerer Name</translation>
    </message>
    <message>
        <source>a name too long</source>
        <translation>ein zu langer Name</translation>
    </message>
    <message>
        <source>a name with control characters or backslashes</source>
        <translation>ein Name mit Steuerzeichen oder Backslashes</translation>
    </message>
    <message>
        <source>an absolute path</source>
        <translation>ein absoluter Pfad</translation>
    </message>
    <message>
        <source>a path that leaves the workspace folder</source>
        <translation>ein Pfad, der den Arbeitsordner verlässt</translation>
    </message>
    <message>
        <source>a path with empty or &apos;.&apos; parts</source>
        <translation>ein Pfad mit leeren oder „.“-Teilen</translation>
    </message>
    <message>
        <source>a name the console keeps for itself</source>
        <translation>ein Name, den die Konsole für sich selbst reserviert</translation>
    </message>
    <message>
        <source>%1 has no netboot.yaml that can be read: it is not a workspace.</source>
        <translation>%1 enthält keine lesbare netboot.yaml: es ist kein Arbeitsordner.</translation>
    </message>
    <message>
        <source>netboot.yaml has an error (%1): fix it first, so the bundle opens on the other computer.</source>
        <translation>netboot.yaml enthält einen Fehler (%1): beheben Sie ihn zuerst, damit sich das Bündel auf dem anderen Computer öffnen lässt.</translation>
    </message>
    <message>
        <source>No temporary folder for the inventory&apos;s copy: %1</source>
        <translation>Kein temporärer Ordner für die Kopie des Inventars: %1</translation>
    </message>
    <message>
        <source>The inventory %1 cannot be copied: %2</source>
        <translation>Das Inventar %1 kann nicht kopiert werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>The workspace holds %1 in %n files; a kit bundle may hold at most %2 in %3 files.</source>
        <translation>
            <numerusform>Der Arbeitsordner enthält %1 in %n Datei; ein Kit-Bündel darf höchstens %2 in %3 Dateien enthalten.</numerusform>
            <numerusform>Der Arbeitsordner enthält %1 in %n Dateien; ein Kit-Bündel darf höchstens %2 in %3 Dateien enthalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled; no bundle was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde kein Bündel geschrieben.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be written (%2): %3</source>
        <translation>%1 kann nicht geschrieben werden (%2): %3</translation>
    </message>
    <message>
        <source>%1 changed while the bundle was written; export again.</source>
        <translation>%1 hat sich geändert, während das Bündel geschrieben wurde; exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>closing it</source>
        <translation>beim Schließen</translation>
    </message>
    <message>
        <source>The kit bundle is damaged or incomplete: %1; nothing was written.</source>
        <translation>Das Kit-Bündel ist beschädigt oder unvollständig: %1; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The kit bundle holds %1; it is refused and nothing was written.</source>
        <translation>Das Kit-Bündel enthält %1; es wird abgelehnt und nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>%1 is not a kit bundle (a .tar.zst written by Netboot Console): %2</source>
        <translation>%1 ist kein Kit-Bündel (ein von Netboot Console geschriebenes .tar.zst): %2</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>Der Import wurde abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos;, which is not a plain file</source>
        <translation>„%1“, das keine normale Datei ist</translation>
    </message>
    <message>
        <source>its %1 has an impossible size</source>
        <translation>sein %1 hat eine unmögliche Größe</translation>
    </message>
    <message>
        <source>its %1 is cut short</source>
        <translation>sein %1 ist abgeschnitten</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a kit bundle.</source>
        <translation>%1 ist leer: es ist kein Kit-Bündel.</translation>
    </message>
    <message>
        <source>%1 is not a kit bundle: it does not start with %2.</source>
        <translation>%1 ist kein Kit-Bündel: es beginnt nicht mit %2.</translation>
    </message>
    <message>
        <source>its list of files does not read (%1)</source>
        <translation>seine Dateiliste ist nicht lesbar (%1)</translation>
    </message>
    <message>
        <source>%1 is not a kit bundle: its %2 is of another kind.</source>
        <translation>%1 ist kein Kit-Bündel: sein %2 ist von anderer Art.</translation>
    </message>
    <message>
        <source>This kit bundle was written by a newer Netboot Console (format %1; this one reads up to %2): update it first. Nothing was written.</source>
        <translation>Dieses Kit-Bündel wurde von einer neueren Netboot Console geschrieben (Format %1; diese liest bis %2): aktualisieren Sie sie zuerst. Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>its list of files has no format version</source>
        <translation>seine Dateiliste hat keine Formatversion</translation>
    </message>
    <message>
        <source>&apos;%1&apos; (%2)</source>
        <translation>„%1“ (%2)</translation>
    </message>
    <message>
        <source>The kit bundle holds &apos;%1&apos; of more than %2; it is refused and nothing was written.</source>
        <translation>Das Kit-Bündel enthält „%1“ mit mehr als %2; es wird abgelehnt und nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>its list of files has an impossible entry for &apos;%1&apos;</source>
        <translation>seine Dateiliste hat einen unmöglichen Eintrag für „%1“</translation>
    </message>
    <message>
        <source>its list names &apos;%1&apos; twice</source>
        <translation>seine Liste nennt „%1“ zweimal</translation>
    </message>
    <message>
        <source>The kit bundle would expand to more than %1; it is refused and nothing was written.</source>
        <translation>Das Kit-Bündel würde sich auf mehr als %1 entpacken; es wird abgelehnt und nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>its list has &apos;%1&apos; both as a file and as a folder</source>
        <translation>seine Liste führt „%1“ sowohl als Datei als auch als Ordner</translation>
    </message>
    <message>
        <source>%1 cannot be written in %2.</source>
        <translation>%1 kann nicht in %2 geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 (in &apos;%2&apos;)</source>
        <translation>%1 (in „%2“)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is longer than its list says</source>
        <translation>„%1“ ist länger, als seine Liste angibt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is cut short</source>
        <translation>„%1“ ist abgeschnitten</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not match its checksum</source>
        <translation>„%1“ stimmt nicht mit seiner Prüfsumme überein</translation>
    </message>
    <message>
        <source>it goes on after its end (&apos;%1&apos;)</source>
        <translation>es geht nach seinem Ende weiter („%1“)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;, which is not a plain file (a link, a folder or a device)</source>
        <translation>„%1“, das keine normale Datei ist (ein Link, ein Ordner oder ein Gerät)</translation>
    </message>
    <message>
        <source>its end does not belong to its start</source>
        <translation>sein Ende gehört nicht zu seinem Anfang</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not in its list of files</source>
        <translation>„%1“ steht nicht in seiner Dateiliste</translation>
    </message>
    <message>
        <source>it holds &apos;%1&apos; twice</source>
        <translation>es enthält „%1“ zweimal</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has %2 bytes where its list says %3</source>
        <translation>„%1“ hat %2 Bytes, wo seine Liste %3 angibt</translation>
    </message>
    <message>
        <source>it ends before its last entry</source>
        <translation>es endet vor seinem letzten Eintrag</translation>
    </message>
    <message>
        <source>a file of its list is missing (%1)</source>
        <translation>eine Datei seiner Liste fehlt (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n files of its list are missing (%1)</source>
        <translation>
            <numerusform>%n Datei seiner Liste fehlt (%1)</numerusform>
            <numerusform>%n Dateien seiner Liste fehlen (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>it goes on after its end</source>
        <translation>es geht nach seinem Ende weiter</translation>
    </message>
    <message>
        <source>its end-of-archive records are cut short</source>
        <translation>seine End-of-Archive-Datensätze sind abgeschnitten</translation>
    </message>
    <message>
        <source>it does not match its own checksum</source>
        <translation>es stimmt nicht mit seiner eigenen Prüfsumme überein</translation>
    </message>
    <message>
        <source>%1 is a file in the workspace where the bundle has a folder; nothing was written.</source>
        <translation>%1 ist eine Datei im Arbeitsordner, wo das Bündel einen Ordner hat; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>%1 is a folder in the workspace where the bundle has a file; nothing was written.</source>
        <translation>%1 ist ein Ordner im Arbeitsordner, wo das Bündel eine Datei hat; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 cannot be written (%2); nothing was written.</source>
        <translation>%1 kann nicht geschrieben werden (%2); nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>%1 cannot be written (%2); these files were written before it: %3</source>
        <translation>%1 kann nicht geschrieben werden (%2); diese Dateien wurden zuvor geschrieben: %3</translation>
    </message>
    <message>
        <source>The kit bundle needs %1 free in %2; %3 is free. Nothing was written.</source>
        <translation>Das Kit-Bündel braucht %1 freien Platz in %2; frei sind %3. Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>%1 is not there, or not a file.</source>
        <translation>%1 ist nicht vorhanden oder keine Datei.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder: nothing was written.</source>
        <translation>%1 ist eine Datei, kein Ordner: nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made: nothing was written.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden: nichts wurde geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>The kit bundle lists %n files, more than the %1 it may hold; it is refused and nothing was written.</source>
        <translation>
            <numerusform>Das Kit-Bündel listet %n Datei, mehr als die %1, die es enthalten darf; es wird abgelehnt und nichts wurde geschrieben.</numerusform>
            <numerusform>Das Kit-Bündel listet %n Dateien, mehr als die %1, die es enthalten darf; es wird abgelehnt und nichts wurde geschrieben.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>Applies when the console starts again</source>
        <translation>Wirkt beim nächsten Start der Konsole</translation>
    </message>
</context>
<context>
    <name>LeaseFile</name>
    <message>
        <source>larger than %1 bytes</source>
        <translation>größer als %1 Bytes</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>The lease file %1 could not be read (%2). It was moved to %3; machines will get new addresses where needed.</source>
        <translation>Die Lease-Datei %1 konnte nicht gelesen werden (%2). Sie wurde nach %3 verschoben; Maschinen erhalten bei Bedarf neue Adressen.</translation>
    </message>
    <message>
        <source>The lease file %1 could not be read (%2) and could not be moved aside; it will be replaced by the current leases. Check the folder&apos;s permissions.</source>
        <translation>Die Lease-Datei %1 konnte nicht gelesen werden (%2) und ließ sich nicht beiseiteschieben; sie wird durch die aktuellen Leases ersetzt. Prüfen Sie die Berechtigungen des Ordners.</translation>
    </message>
    <message>
        <source>Cannot write the lease file %1: %2</source>
        <translation>Die Lease-Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n leases were left out (outside the DHCP range, or malformed).</source>
        <translation>
            <numerusform>%1: %n Lease wurde ausgelassen (außerhalb des DHCP-Bereichs oder fehlerhaft).</numerusform>
            <numerusform>%1: %n Leases wurden ausgelassen (außerhalb des DHCP-Bereichs oder fehlerhaft).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MachineConfig</name>
    <message>
        <source>the file is empty: copy a config made by &apos;talosctl gen config&apos; here</source>
        <translation>die Datei ist leer: kopieren Sie eine mit „talosctl gen config“ erzeugte Konfiguration hierher</translation>
    </message>
    <message>
        <source>YAML aliases (*name) are not accepted: Talos configs never need them, and nested ones multiply a small file into gigabytes. Write the values out</source>
        <translation>YAML-Aliase (*name) werden nicht akzeptiert: Talos-Konfigurationen brauchen sie nie, und verschachtelte blähen eine kleine Datei auf Gigabytes auf. Schreiben Sie die Werte aus</translation>
    </message>
    <message>
        <source>this is not valid YAML (a &apos;,&apos; outside [ ] or { }): check the punctuation on this line</source>
        <translation>dies ist kein gültiges YAML (ein „,“ außerhalb von [ ] oder { }): prüfen Sie die Zeichensetzung in dieser Zeile</translation>
    </message>
    <message>
        <source>this is not valid YAML (%1): check the indentation around this line</source>
        <translation>dies ist kein gültiges YAML (%1): prüfen Sie die Einrückung um diese Zeile</translation>
    </message>
    <message>
        <source>the file holds only comments: copy a config made by &apos;talosctl gen config&apos; here</source>
        <translation>die Datei enthält nur Kommentare: kopieren Sie eine mit „talosctl gen config“ erzeugte Konfiguration hierher</translation>
    </message>
    <message>
        <source>document %1 is not a set of &apos;key: value&apos; lines; a Talos config document starts with &apos;version: v1alpha1&apos; or &apos;kind:&apos;</source>
        <translation>Dokument %1 besteht nicht aus Zeilen der Form „key: value“; ein Talos-Konfigurationsdokument beginnt mit „version: v1alpha1“ oder „kind:“</translation>
    </message>
    <message>
        <source>&apos;version: %1&apos; is not a version Talos reads: the main document must say &apos;version: v1alpha1&apos;</source>
        <translation>„version: %1“ ist keine Version, die Talos liest: das Hauptdokument muss „version: v1alpha1“ angeben</translation>
    </message>
    <message>
        <source>a second &apos;version: v1alpha1&apos; document: keep only one</source>
        <translation>ein zweites „version: v1alpha1“-Dokument: behalten Sie nur eines</translation>
    </message>
    <message>
        <source>this document has machine/cluster sections but no &apos;version: v1alpha1&apos; line: add it at the top (a patch belongs with the machine, not in the configs folder)</source>
        <translation>dieses Dokument hat machine-/cluster-Abschnitte, aber keine Zeile „version: v1alpha1“: fügen Sie sie oben ein (ein Patch gehört zur Maschine, nicht in den Konfigurationsordner)</translation>
    </message>
    <message>
        <source>document %1 has neither &apos;version: v1alpha1&apos; nor &apos;kind:&apos;: Talos cannot tell what it is</source>
        <translation>Dokument %1 hat weder „version: v1alpha1“ noch „kind:“: Talos kann nicht erkennen, was es ist</translation>
    </message>
    <message>
        <source>the %1 document has no &apos;apiVersion&apos;: add &apos;apiVersion: v1alpha1&apos;</source>
        <translation>das %1-Dokument hat keine „apiVersion“: fügen Sie „apiVersion: v1alpha1“ hinzu</translation>
    </message>
    <message>
        <source>a second %1 document with the same name: keep only one</source>
        <translation>ein zweites %1-Dokument mit demselben Namen: behalten Sie nur eines</translation>
    </message>
    <message>
        <source>HostnameConfig sets &apos;hostname&apos; and &apos;auto: %1&apos;, which Talos refuses: remove &apos;auto&apos; or set it to &apos;off&apos;</source>
        <translation>HostnameConfig setzt „hostname“ und „auto: %1“, was Talos ablehnt: entfernen Sie „auto“ oder setzen Sie es auf „off“</translation>
    </message>
    <message>
        <source>HostnameConfig sets neither &apos;hostname&apos; nor &apos;auto&apos;, which Talos refuses: set one</source>
        <translation>HostnameConfig setzt weder „hostname“ noch „auto“, was Talos ablehnt: setzen Sie eines davon</translation>
    </message>
    <message>
        <source>HostnameConfig &apos;auto: %1&apos; is not a value Talos knows: use &apos;stable&apos; or &apos;off&apos;</source>
        <translation>HostnameConfig „auto: %1“ ist kein Wert, den Talos kennt: verwenden Sie „stable“ oder „off“</translation>
    </message>
    <message>
        <source>there is no &apos;version: v1alpha1&apos; document: Talos would stop in maintenance mode; use a config made by &apos;talosctl gen config&apos;</source>
        <translation>es gibt kein „version: v1alpha1“-Dokument: Talos würde im Wartungsmodus anhalten; verwenden Sie eine mit „talosctl gen config“ erzeugte Konfiguration</translation>
    </message>
    <message>
        <source>the &apos;machine:&apos; section is missing: use a config made by &apos;talosctl gen config&apos;</source>
        <translation>der Abschnitt „machine:“ fehlt: verwenden Sie eine mit „talosctl gen config“ erzeugte Konfiguration</translation>
    </message>
    <message>
        <source>&apos;type: init&apos; is deprecated: use &apos;type: controlplane&apos; and run &apos;talosctl bootstrap&apos; once</source>
        <translation>„type: init“ ist veraltet: verwenden Sie „type: controlplane“ und führen Sie einmal „talosctl bootstrap“ aus</translation>
    </message>
    <message>
        <source>machine.type is missing: set it to controlplane or worker</source>
        <translation>machine.type fehlt: setzen Sie es auf controlplane oder worker</translation>
    </message>
    <message>
        <source>machine.type &apos;%1&apos; is unknown: set it to controlplane or worker</source>
        <translation>machine.type „%1“ ist unbekannt: setzen Sie es auf controlplane oder worker</translation>
    </message>
    <message>
        <source>machine.install is set next to an UnattendedInstallConfig document, which Talos 1.14 refuses: remove machine.install (the install disk goes in the document&apos;s provisioning.diskSelector)</source>
        <translation>machine.install ist neben einem UnattendedInstallConfig-Dokument gesetzt, was Talos 1.14 ablehnt: entfernen Sie machine.install (die Installationsplatte gehört in provisioning.diskSelector des Dokuments)</translation>
    </message>
    <message>
        <source>the UnattendedInstallConfig has no provisioning.diskSelector.match, and Talos needs it to install: set it (e.g. disk.dev_path == &quot;/dev/sda&quot;), or give each machine using this config an install disk</source>
        <translation>die UnattendedInstallConfig hat kein provisioning.diskSelector.match, das Talos zum Installieren braucht: setzen Sie es (z. B. disk.dev_path == &quot;/dev/sda&quot;) oder geben Sie jeder Maschine mit dieser Konfiguration eine Installationsplatte</translation>
    </message>
    <message>
        <source>machine.install.disk is missing, and Talos needs it to install on metal: set it (e.g. /dev/sda) or a diskSelector, or give each machine using this config an install disk</source>
        <translation>machine.install.disk fehlt, und Talos braucht es, um auf Hardware zu installieren: setzen Sie es (z. B. /dev/sda) oder einen diskSelector, oder geben Sie jeder Maschine mit dieser Konfiguration eine Installationsplatte</translation>
    </message>
    <message>
        <source>machine.network.hostname is set and there is a HostnameConfig document, which Talos refuses (static hostname is already set): keep one</source>
        <translation>machine.network.hostname ist gesetzt und es gibt ein HostnameConfig-Dokument, was Talos ablehnt (statischer Hostname bereits gesetzt): behalten Sie eines</translation>
    </message>
    <message>
        <source>machine.features.stableHostname is on and there is a HostnameConfig document, which Talos refuses (stable hostname is already set): remove stableHostname and use &apos;auto: stable&apos; in the HostnameConfig</source>
        <translation>machine.features.stableHostname ist eingeschaltet und es gibt ein HostnameConfig-Dokument, was Talos ablehnt (stabiler Hostname bereits gesetzt): entfernen Sie stableHostname und verwenden Sie „auto: stable“ in der HostnameConfig</translation>
    </message>
    <message>
        <source>cluster.controlPlane.endpoint is missing: set it to the Kubernetes API address, e.g. https://10.0.0.10:6443</source>
        <translation>cluster.controlPlane.endpoint fehlt: setzen Sie es auf die Adresse der Kubernetes-API, z. B. https://10.0.0.10:6443</translation>
    </message>
    <message>
        <source>cluster.controlPlane.endpoint &apos;%1&apos; is not a URL: write it like https://10.0.0.10:6443</source>
        <translation>cluster.controlPlane.endpoint „%1“ ist keine URL: schreiben Sie es wie https://10.0.0.10:6443</translation>
    </message>
    <message>
        <source>cluster.clusterName is missing: set the cluster&apos;s name</source>
        <translation>cluster.clusterName fehlt: setzen Sie den Namen des Clusters</translation>
    </message>
</context>
<context>
    <name>MachineDetailDock</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>Nbc::Boot::FactoryDownload</name>
    <message>
        <source>“%1” with schematic “%2” and version “%3” does not make a download address. Enter the Image Factory&apos;s address (such as %4), a schematic ID and a Talos version.</source>
        <translation>„%1“ mit Schematic „%2“ und Version „%3“ ergibt keine Download-Adresse. Geben Sie die Adresse der Image Factory (etwa %4), eine Schematic-ID und eine Talos-Version ein.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1. Check its path and permissions.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden. Prüfen Sie Pfad und Berechtigungen.</translation>
    </message>
    <message>
        <source>Download cancelled. The partial file is kept, so the next download resumes where this one stopped.</source>
        <translation>Download abgebrochen. Die unvollständige Datei bleibt erhalten, damit der nächste Download dort weitermacht, wo dieser aufgehört hat.</translation>
    </message>
    <message>
        <source>Discarding a partial %1 of another download.</source>
        <translation>Eine unvollständige %1 eines anderen Downloads wird verworfen.</translation>
    </message>
    <message>
        <source>Resuming %1: %2 already downloaded.</source>
        <translation>%1 wird fortgesetzt: %2 bereits heruntergeladen.</translation>
    </message>
    <message>
        <source>The server sent another part of %1 than asked; downloading it again from the start.</source>
        <translation>Der Server hat einen anderen Teil von %1 gesendet als angefordert; es wird von vorn neu heruntergeladen.</translation>
    </message>
    <message>
        <source>The server does not resume downloads; %1 starts again from the beginning.</source>
        <translation>Der Server setzt Downloads nicht fort; %1 beginnt wieder von vorn.</translation>
    </message>
    <message>
        <source>Check the Talos version and the schematic ID.</source>
        <translation>Prüfen Sie die Talos-Version und die Schematic-ID.</translation>
    </message>
    <message>
        <source>The server has a problem; try again later.</source>
        <translation>Der Server hat ein Problem; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Check the Image Factory address.</source>
        <translation>Prüfen Sie die Adresse der Image Factory.</translation>
    </message>
    <message>
        <source>The server answered %1 %2 for %3. %4</source>
        <translation>Der Server antwortete %1 %2 für %3. %4</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Check the free space and the permissions of %3.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Prüfen Sie den freien Platz und die Berechtigungen von %3.</translation>
    </message>
    <message>
        <source>the body ended early</source>
        <translation>der Inhalt endete zu früh</translation>
    </message>
    <message>
        <source>%1 sent %2 where it announced %3. Try again; if it persists, the server or a proxy on the way is broken.</source>
        <translation>%1 hat %2 gesendet, wo es %3 angekündigt hatte. Versuchen Sie es erneut; bleibt es dabei, ist der Server oder ein Proxy auf dem Weg defekt.</translation>
    </message>
    <message>
        <source>Could not download %1: %2. Check the network connection and the Image Factory address, then try again.</source>
        <translation>%1 konnte nicht heruntergeladen werden: %2. Prüfen Sie die Netzwerkverbindung und die Adresse der Image Factory und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>%1 ended early: %2 of %3 bytes arrived, also after %4 attempts to resume (%5). The partial file is kept; try again later and the download resumes.</source>
        <translation>%1 endete zu früh: %2 von %3 Bytes kamen an, auch nach %4 Versuchen fortzusetzen (%5). Die unvollständige Datei bleibt erhalten; versuchen Sie es später erneut, dann wird der Download fortgesetzt.</translation>
    </message>
    <message>
        <source>The connection for %1 keeps failing (%2). Check the network connection, then try again; the partial file is kept and the download resumes.</source>
        <translation>Die Verbindung für %1 scheitert wiederholt (%2). Prüfen Sie die Netzwerkverbindung und versuchen Sie es dann erneut; die unvollständige Datei bleibt erhalten und der Download wird fortgesetzt.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>The connection dropped (%1); resuming %2 at %3 (attempt %4 of %5).</source>
        <translation>Die Verbindung ist abgebrochen (%1); %2 wird bei %3 fortgesetzt (Versuch %4 von %5).</translation>
    </message>
    <message>
        <source>Cannot read back %1: %2. Check the folder %3.</source>
        <translation>%1 kann nicht zurückgelesen werden: %2. Prüfen Sie den Ordner %3.</translation>
    </message>
    <message>
        <source>%1 from %2 is %3, not an x86 Linux kernel (bzImage). Check the Image Factory address, the schematic and the version; a proxy or a login page may have answered instead.</source>
        <translation>%1 von %2 ist %3, kein x86-Linux-Kernel (bzImage). Prüfen Sie die Adresse der Image Factory, das Schematic und die Version; womöglich hat ein Proxy oder eine Anmeldeseite geantwortet.</translation>
    </message>
    <message>
        <source>%1 from %2 is %3, not a compressed initramfs. Check the Image Factory address, the schematic and the version; a proxy or a login page may have answered instead.</source>
        <translation>%1 von %2 ist %3, kein komprimiertes Initramfs. Prüfen Sie die Adresse der Image Factory, das Schematic und die Version; womöglich hat ein Proxy oder eine Anmeldeseite geantwortet.</translation>
    </message>
    <message>
        <source>Downloaded the kernel, initramfs and kernel command line of Talos %1.</source>
        <translation>Kernel, Initramfs und Kernel-Befehlszeile von Talos %1 heruntergeladen.</translation>
    </message>
    <message>
        <source>Downloaded the kernel and initramfs of Talos %1. The factory gave no usable kernel command line, so Talos&apos;s defaults for %1 are used.</source>
        <translation>Kernel und Initramfs von Talos %1 heruntergeladen. Die Factory lieferte keine brauchbare Kernel-Befehlszeile, daher gelten die Standardwerte von Talos für %1.</translation>
    </message>
</context>
<context>
    <name>Nbc::ConsoleSession</name>
    <message>
        <source>The workspace cannot be used: %1</source>
        <translation>Der Arbeitsordner kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Choose the network interface the machines are on, with --interface NAME or in the workspace (network: interface:). Available: %1</source>
        <translation>Wählen Sie die Netzwerkschnittstelle, an der die Maschinen hängen, mit --interface NAME oder im Arbeitsordner (network: interface:). Verfügbar: %1</translation>
    </message>
    <message>
        <source>none with an IPv4 address</source>
        <translation>keine mit IPv4-Adresse</translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos;. Available: %2</source>
        <translation>Es gibt keine Netzwerkschnittstelle „%1“. Verfügbar: %2</translation>
    </message>
    <message>
        <source>Interface &apos;%1&apos; has no IPv4 address. Give it one (for example: sudo ip addr add 10.77.0.1/24 dev %1) or set network: serverAddress: in the workspace.</source>
        <translation>Schnittstelle „%1“ hat keine IPv4-Adresse. Geben Sie ihr eine (zum Beispiel: sudo ip addr add 10.77.0.1/24 dev %1) oder setzen Sie network: serverAddress: im Arbeitsordner.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>MAC prefix</source>
        <translation>MAC-Präfix</translation>
    </message>
    <message>
        <source>MAC range</source>
        <translation>MAC-Bereich</translation>
    </message>
    <message>
        <source>firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>artefact set</source>
        <translation>Artefaktsatz</translation>
    </message>
    <message>
        <source>install disk</source>
        <translation>Installationsplatte</translation>
    </message>
    <message>
        <source>hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;</source>
        <translation>Regel „%1“</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>give the rule a name</source>
        <translation>geben Sie der Regel einen Namen</translation>
    </message>
    <message>
        <source>another rule is named &apos;%1&apos; too</source>
        <translation>eine andere Regel heißt ebenfalls „%1“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not the start of a MAC: hex digits, &apos;:&apos; between the bytes (52:54:00)</source>
        <translation>„%1“ ist kein MAC-Anfang: Hexadezimalziffern, „:“ zwischen den Bytes (52:54:00)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a range of MACs: two whole MACs with &apos;-&apos; between them (52:54:00:00:00:10-52:54:00:00:00:3f)</source>
        <translation>„%1“ ist kein MAC-Bereich: zwei vollständige MACs mit „-“ dazwischen (52:54:00:00:00:10-52:54:00:00:00:3f)</translation>
    </message>
    <message>
        <source>the range runs backwards: %1 comes after %2</source>
        <translation>der Bereich läuft rückwärts: %1 kommt nach %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither bios nor uefi</source>
        <translation>„%1“ ist weder bios noch uefi</translation>
    </message>
    <message>
        <source>choose the config the rule gives</source>
        <translation>wählen Sie die Konfiguration, die die Regel vergibt</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>%1 is not in the workspace folder</source>
        <translation>%1 liegt nicht im Arbeitsordner</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 ist keine Datei</translation>
    </message>
    <message>
        <source>there is no artefact set named %1</source>
        <translation>es gibt keinen Artefaktsatz namens %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a device path like /dev/sda or /dev/nvme0n1</source>
        <translation>„%1“ ist kein Gerätepfad wie /dev/sda oder /dev/nvme0n1</translation>
    </message>
    <message>
        <source>{%1} is not a field: use {n}, {n:02}, {serial}, {product}, {manufacturer} or {mac}</source>
        <translation>{%1} ist kein Feld: verwenden Sie {n}, {n:02}, {serial}, {product}, {manufacturer} oder {mac}</translation>
    </message>
    <message>
        <source>&apos;%1&apos; leaves no hostname: use letters, digits, &apos;-&apos; and fields like {n}</source>
        <translation>„%1“ ergibt keinen Hostnamen: verwenden Sie Buchstaben, Ziffern, „-“ und Felder wie {n}</translation>
    </message>
    <message>
        <source>The console&apos;s services are stopped: start them (Services ▸ Start).</source>
        <translation>Die Dienste der Konsole sind angehalten: starten Sie sie (Dienste ▸ Starten).</translation>
    </message>
    <message>
        <source>The console&apos;s %1 service failed: see the Services panel.</source>
        <translation>Der %1-Dienst der Konsole ist ausgefallen: siehe Dienste-Bereich.</translation>
    </message>
    <message>
        <source>The interface %1 is gone (a USB adapter unplugged?): plug it in again, or choose another interface.</source>
        <translation>Die Schnittstelle %1 ist verschwunden (ein USB-Adapter abgezogen?): stecken Sie sie wieder ein oder wählen Sie eine andere Schnittstelle.</translation>
    </message>
    <message>
        <source>The interface %1 is down: bring it up (ip link set %1 up), or choose another interface.</source>
        <translation>Die Schnittstelle %1 ist inaktiv: aktivieren Sie sie (ip link set %1 up) oder wählen Sie eine andere Schnittstelle.</translation>
    </message>
    <message>
        <source>The interface %1 has no link: check its cable and that the switch is on.</source>
        <translation>Die Schnittstelle %1 hat keine Verbindung: prüfen Sie ihr Kabel und ob der Switch eingeschaltet ist.</translation>
    </message>
    <message>
        <source>netboot.yaml has an error (%1); nothing is written to it until it is fixed, so this change was not saved.</source>
        <translation>netboot.yaml enthält einen Fehler (%1); bis er behoben ist, wird nichts hineingeschrieben, daher wurde diese Änderung nicht gespeichert.</translation>
    </message>
    <message>
        <source>netboot.yaml was changed on disk since the console read it; that edit is read now and this change was not saved. Make it again.</source>
        <translation>netboot.yaml wurde auf der Platte geändert, seit die Konsole sie gelesen hat; diese Bearbeitung wird jetzt eingelesen und diese Änderung wurde nicht gespeichert. Nehmen Sie sie erneut vor.</translation>
    </message>
    <message>
        <source>The edit of netboot.yaml was not applied: %1. Nothing is written to the file until it reads again.</source>
        <translation>Die Bearbeitung von netboot.yaml wurde nicht übernommen: %1. Bis die Datei wieder lesbar ist, wird nichts hineingeschrieben.</translation>
    </message>
    <message>
        <source>the workspace cannot be used: %1</source>
        <translation>der Arbeitsordner kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>%1 is used by %2: give that machine another set first</source>
        <translation>%1 wird von %2 verwendet: geben Sie dieser Maschine zuerst einen anderen Satz</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n machines</source>
        <translation>
            <numerusform>%1 von %n Maschine</numerusform>
            <numerusform>%1 von %n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be a Pi boot folder: %2</source>
        <translation>%1 kann kein Pi-Bootordner sein: %2</translation>
    </message>
    <message>
        <source>netboot.yaml has an error and is not overwritten: %1</source>
        <translation>netboot.yaml enthält einen Fehler und wird nicht überschrieben: %1</translation>
    </message>
</context>
<context>
    <name>Nbc::DhcpEngine</name>
    <message>
        <source>not used in %1 mode</source>
        <translation>im Modus %1 nicht verwendet</translation>
    </message>
    <message>
        <source>Cannot listen for DHCP on UDP port %1: %2</source>
        <translation>Kann nicht auf UDP-Port %1 auf DHCP warten: %2</translation>
    </message>
</context>
<context>
    <name>Nbc::DhcpServer</name>
    <message>
        <source>leases %1</source>
        <translation>Leases %1</translation>
    </message>
    <message>
        <source>Full DHCP mode needs an IPv4 address of this computer to serve from.</source>
        <translation>Der volle DHCP-Modus braucht eine IPv4-Adresse dieses Computers, von der aus er arbeitet.</translation>
    </message>
    <message>
        <source>Give the interface an address, for example: sudo ip addr add 10.77.0.1/24 dev %1</source>
        <translation>Geben Sie der Schnittstelle eine Adresse, zum Beispiel: sudo ip addr add 10.77.0.1/24 dev %1</translation>
    </message>
    <message>
        <source>Set the addresses to hand out in netboot.yaml under network:, inside the interface&apos;s subnet and without this computer&apos;s address, for example: dhcpRange: %1</source>
        <translation>Legen Sie die zu vergebenden Adressen in netboot.yaml unter network: fest, innerhalb des Subnetzes der Schnittstelle und ohne die Adresse dieses Computers, zum Beispiel: dhcpRange: %1</translation>
    </message>
    <message>
        <source>Full DHCP mode cannot tell the subnet of %1: no interface has that address.</source>
        <translation>Der volle DHCP-Modus kann das Subnetz von %1 nicht bestimmen: keine Schnittstelle hat diese Adresse.</translation>
    </message>
    <message>
        <source>Serve on the interface that has the address (--interface NAME).</source>
        <translation>Arbeiten Sie auf der Schnittstelle, die diese Adresse hat (--interface NAME).</translation>
    </message>
    <message>
        <source>Full DHCP mode needs a range of addresses to hand out (network: dhcpRange:).</source>
        <translation>Der volle DHCP-Modus braucht einen Bereich zu vergebender Adressen (network: dhcpRange:).</translation>
    </message>
    <message>
        <source>The DHCP range cannot be used: %1.</source>
        <translation>Der DHCP-Bereich kann nicht verwendet werden: %1.</translation>
    </message>
    <message>
        <source>no free address in the DHCP range %1</source>
        <translation>keine freie Adresse im DHCP-Bereich %1</translation>
    </message>
</context>
<context>
    <name>Nbc::Doctor::DhcpProbe</name>
    <message>
        <source>The DHCP probe is already running.</source>
        <translation>Die DHCP-Probe läuft bereits.</translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos;. Check the name with: ip link</source>
        <translation>Es gibt keine Netzwerkschnittstelle „%1“. Prüfen Sie den Namen mit: ip link</translation>
    </message>
    <message>
        <source>Cannot open a UDP socket: %1</source>
        <translation>Kann keinen UDP-Socket öffnen: %1</translation>
    </message>
    <message>
        <source>Listening on one interface only needs root or CAP_NET_RAW. Run the doctor as root, or allow this program once with: %1</source>
        <translation>Nur auf einer Schnittstelle zu lauschen, erfordert root oder CAP_NET_RAW. Starten Sie die Diagnose als root oder erlauben Sie es diesem Programm einmalig mit: %1</translation>
    </message>
    <message>
        <source>Cannot bind to interface %1: %2</source>
        <translation>Kann nicht an Schnittstelle %1 binden: %2</translation>
    </message>
    <message>
        <source>Asking who answers DHCP needs UDP port 68, which only root or a program with CAP_NET_BIND_SERVICE may use. Run the doctor as root, or allow this program once with: %1</source>
        <translation>Zu fragen, wer auf DHCP antwortet, braucht UDP-Port 68, den nur root oder ein Programm mit CAP_NET_BIND_SERVICE verwenden darf. Starten Sie die Diagnose als root oder erlauben Sie es diesem Programm einmalig mit: %1</translation>
    </message>
    <message>
        <source>UDP port 68 is held by a program that does not share it (a DHCP client?). Stop it for a moment and run the doctor again.</source>
        <translation>UDP-Port 68 ist von einem Programm belegt, das ihn nicht teilt (ein DHCP-Client?). Beenden Sie es kurz und starten Sie die Diagnose erneut.</translation>
    </message>
    <message>
        <source>Cannot listen on UDP port 68: %1</source>
        <translation>Kann nicht auf UDP-Port 68 lauschen: %1</translation>
    </message>
    <message>
        <source>Cannot build a DHCP request.</source>
        <translation>Kann keine DHCP-Anfrage erzeugen.</translation>
    </message>
    <message>
        <source>Cannot send a DHCP request on %1: %2. Is the interface up?</source>
        <translation>Kann keine DHCP-Anfrage auf %1 senden: %2. Ist die Schnittstelle aktiv?</translation>
    </message>
</context>
<context>
    <name>Nbc::Doctor::NetworkDoctor</name>
    <message>
        <source>There is no network interface &apos;%1&apos;.</source>
        <translation>Es gibt keine Netzwerkschnittstelle „%1“.</translation>
    </message>
</context>
<context>
    <name>Nbc::FileWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Nbc::HttpServer</name>
    <message>
        <source>The HTTP server cannot listen on %1 port %2: %3</source>
        <translation>Der HTTP-Server kann auf %1 Port %2 nicht lauschen: %3</translation>
    </message>
</context>
<context>
    <name>Nbc::InventoryStore</name>
    <message>
        <source>Inventory %1: %2</source>
        <translation>Inventar %1: %2</translation>
    </message>
    <message>
        <source>The inventory %1 cannot be opened: %2</source>
        <translation>Das Inventar %1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>Nbc::LogSink</name>
    <message>
        <source>The log receiver cannot listen on TCP %1:%2: %3</source>
        <translation>Der Log-Empfänger kann auf TCP %1:%2 nicht lauschen: %3</translation>
    </message>
    <message>
        <source>The log receiver cannot listen on UDP %1:%2: %3</source>
        <translation>Der Log-Empfänger kann auf UDP %1:%2 nicht lauschen: %3</translation>
    </message>
</context>
<context>
    <name>Nbc::MachineRegistry</name>
    <message>
        <source>network boot #%1</source>
        <translation>Netzwerk-Boot Nr. %1</translation>
    </message>
    <message>
        <source>It network-booted again after fetching its config: set the boot order to disk first, or keep the after-install policy &apos;exit&apos; so it is sent to its disk.</source>
        <translation>Sie hat nach dem Abruf ihrer Konfiguration erneut übers Netz gebootet: stellen Sie die Bootreihenfolge auf Platte zuerst, oder behalten Sie die Nach-Installation-Regel „exit“, damit sie an ihre Platte verwiesen wird.</translation>
    </message>
    <message>
        <source>The firmware keeps asking after our offer and never fetches its boot file: it ignores proxy DHCP offers. Use full DHCP mode on an isolated switch.</source>
        <translation>Die Firmware fragt nach unserem Angebot immer wieder und holt nie ihre Boot-Datei: sie ignoriert Proxy-DHCP-Angebote. Verwenden Sie den vollen DHCP-Modus an einem isolierten Switch.</translation>
    </message>
    <message>
        <source>iPXE is loaded again and again: something hands iPXE the iPXE binary instead of its script (another PXE server on this network?). Stop it or use full DHCP mode.</source>
        <translation>iPXE wird immer wieder geladen: etwas gibt iPXE die iPXE-Binärdatei statt seines Skripts (ein anderer PXE-Server in diesem Netz?). Beenden Sie ihn oder verwenden Sie den vollen DHCP-Modus.</translation>
    </message>
    <message>
        <source>The iPXE binary it asked for is missing: install Debian&apos;s &apos;ipxe&apos; package or set &apos;ipxe:&apos; in the workspace.</source>
        <translation>Die angeforderte iPXE-Binärdatei fehlt: installieren Sie Debians Paket „ipxe“ oder setzen Sie „ipxe:“ im Arbeitsordner.</translation>
    </message>
    <message>
        <source>No machine config is assigned: drag one onto this machine; it boots as soon as it has one.</source>
        <translation>Keine Maschinenkonfiguration zugewiesen: ziehen Sie eine auf diese Maschine; sie bootet, sobald sie eine hat.</translation>
    </message>
    <message>
        <source>No Talos kernel and initramfs are set up: add an artefact set.</source>
        <translation>Kein Talos-Kernel und -Initramfs eingerichtet: fügen Sie einen Artefaktsatz hinzu.</translation>
    </message>
    <message>
        <source>The download of %1 was interrupted.</source>
        <translation>Der Download von %1 wurde unterbrochen.</translation>
    </message>
    <message>
        <source>Talos asked for its machine config but none is assigned: drag a config onto this machine.</source>
        <translation>Talos hat nach seiner Maschinenkonfiguration gefragt, aber keine ist zugewiesen: ziehen Sie eine Konfiguration auf diese Maschine.</translation>
    </message>
    <message>
        <source>Its config could not be served: %1</source>
        <translation>Ihre Konfiguration konnte nicht ausgeliefert werden: %1</translation>
    </message>
    <message>
        <source>fetching its config</source>
        <translation>holt ihre Konfiguration</translation>
    </message>
    <message>
        <source>config loaded</source>
        <translation>Konfiguration geladen</translation>
    </message>
    <message>
        <source>maintenance mode</source>
        <translation>Wartungsmodus</translation>
    </message>
    <message>
        <source>Talos is in maintenance mode (no complete config). Assign a config and reboot it, or apply one: talosctl apply-config --insecure --nodes %1 --file CONFIG.yaml</source>
        <translation>Talos ist im Wartungsmodus (keine vollständige Konfiguration). Weisen Sie eine Konfiguration zu und starten Sie die Maschine neu, oder wenden Sie eine an: talosctl apply-config --insecure --nodes %1 --file CONFIG.yaml</translation>
    </message>
    <message>
        <source>installed to disk</source>
        <translation>auf Platte installiert</translation>
    </message>
    <message>
        <source>installing</source>
        <translation>Installation läuft</translation>
    </message>
    <message>
        <source>bootstrap needed</source>
        <translation>Bootstrap nötig</translation>
    </message>
    <message>
        <source>etcd waits for a bootstrap: if this is the first control-plane node, run talosctl bootstrap --nodes %1</source>
        <translation>etcd wartet auf einen Bootstrap: ist dies der erste Control-Plane-Knoten, führen Sie talosctl bootstrap --nodes %1 aus</translation>
    </message>
    <message>
        <source>running and ready</source>
        <translation>läuft und ist bereit</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 läuft</translation>
    </message>
    <message>
        <source>The download of %1 stopped at %2% %3 s ago: check the cable and the switch, then power-cycle the machine.</source>
        <translation>Der Download von %1 ist vor %3 s bei %2 % stehen geblieben: prüfen Sie Kabel und Switch und schalten Sie die Maschine dann aus und wieder ein.</translation>
    </message>
    <message>
        <source>The console has not seen this machine&apos;s DHCP exchange, so it does not know its address and serves it no config. Is the console on the machines&apos; network segment (no DHCP relay between)?</source>
        <translation>Die Konsole hat den DHCP-Austausch dieser Maschine nicht gesehen, kennt daher ihre Adresse nicht und liefert ihr keine Konfiguration. Ist die Konsole im Netzsegment der Maschinen (kein DHCP-Relay dazwischen)?</translation>
    </message>
    <message>
        <source>Its boot script was asked for from %1, but its DHCP exchange gave it %2: it is served only to that address.</source>
        <translation>Ihr Boot-Skript wurde von %1 angefordert, ihr DHCP-Austausch gab ihr aber %2: es wird nur an diese Adresse ausgeliefert.</translation>
    </message>
    <message>
        <source>Talos refused to boot: the kernel argument %1 is missing or wrong. Add &quot;%1&quot; to the artefact set&apos;s extra kernel arguments.</source>
        <translation>Talos hat den Start verweigert: das Kernel-Argument %1 fehlt oder ist falsch. Fügen Sie „%1“ zu den zusätzlichen Kernel-Argumenten des Artefaktsatzes hinzu.</translation>
    </message>
    <message>
        <source>Talos refused its machine config: %1. Fix the config (the Configs panel shows what Talos would refuse) and reboot the machine.</source>
        <translation>Talos hat seine Maschinenkonfiguration abgelehnt: %1. Korrigieren Sie die Konfiguration (der Konfigurationsbereich zeigt, was Talos ablehnen würde) und starten Sie die Maschine neu.</translation>
    </message>
    <message>
        <source>cannot download its config</source>
        <translation>kann ihre Konfiguration nicht herunterladen</translation>
    </message>
    <message>
        <source>Talos cannot download its machine config and keeps trying (%1); no request for it has reached the console this boot: check that the machine can reach this computer.</source>
        <translation>Talos kann seine Maschinenkonfiguration nicht herunterladen und versucht es weiter (%1); in diesem Boot hat keine Anfrage danach die Konsole erreicht: prüfen Sie, ob die Maschine diesen Computer erreicht.</translation>
    </message>
    <message>
        <source>Talos cannot download its machine config and keeps trying (%1); the console answered %2. Assign a config that can be served and Talos takes it at its next try.</source>
        <translation>Talos kann seine Maschinenkonfiguration nicht herunterladen und versucht es weiter (%1); die Konsole antwortete %2. Weisen Sie eine auslieferbare Konfiguration zu, dann übernimmt Talos sie beim nächsten Versuch.</translation>
    </message>
    <message>
        <source>The Talos install failed: %1</source>
        <translation>Die Talos-Installation ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Talos stopped: %1</source>
        <translation>Talos hat angehalten: %1</translation>
    </message>
    <message>
        <source>booting Talos</source>
        <translation>bootet Talos</translation>
    </message>
    <message>
        <source>booting Talos %1</source>
        <translation>bootet Talos %1</translation>
    </message>
    <message>
        <source>rebooting</source>
        <translation>startet neu</translation>
    </message>
    <message>
        <source>services up, waiting for the node to be ready</source>
        <translation>Dienste laufen, warte darauf, dass der Knoten bereit ist</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Their firmware took no boot file from the console: another DHCP or PXE server may answer them, or they ignore proxy offers (use full DHCP mode on an isolated switch).</source>
        <translation>Ihre Firmware hat keine Boot-Datei von der Konsole genommen: womöglich antwortet ihnen ein anderer DHCP- oder PXE-Server, oder sie ignorieren Proxy-Angebote (verwenden Sie den vollen DHCP-Modus an einem isolierten Switch).</translation>
    </message>
    <message>
        <source>Its firmware asked for a boot file %1 ago and has fetched nothing since: another DHCP or PXE server may answer it, or it ignores proxy offers (use full DHCP mode on an isolated switch).</source>
        <translation>Ihre Firmware hat vor %1 nach einer Boot-Datei gefragt und seitdem nichts geholt: womöglich antwortet ihr ein anderer DHCP- oder PXE-Server, oder sie ignoriert Proxy-Angebote (verwenden Sie den vollen DHCP-Modus an einem isolierten Switch).</translation>
    </message>
    <message>
        <source>iPXE started and never asked for its script: the iPXE binary may not suit the firmware (BIOS or UEFI, Secure Boot on?).</source>
        <translation>iPXE ist gestartet und hat nie nach seinem Skript gefragt: die iPXE-Binärdatei passt womöglich nicht zur Firmware (BIOS oder UEFI, Secure Boot an?).</translation>
    </message>
    <message>
        <source>It started loading iPXE %1 ago and has not asked for its boot script: the iPXE binary may not suit its firmware (BIOS or UEFI, Secure Boot on?). Look at its screen.</source>
        <translation>Sie hat vor %1 begonnen, iPXE zu laden, und nicht nach ihrem Boot-Skript gefragt: die iPXE-Binärdatei passt womöglich nicht zu ihrer Firmware (BIOS oder UEFI, Secure Boot an?). Sehen Sie auf ihren Bildschirm.</translation>
    </message>
    <message>
        <source>iPXE got its script and did not start Talos&apos;s download: look at their screens.</source>
        <translation>iPXE hat sein Skript erhalten und den Talos-Download nicht begonnen: sehen Sie auf ihre Bildschirme.</translation>
    </message>
    <message>
        <source>iPXE got its script %1 ago and has not started downloading Talos: look at its screen for an iPXE error.</source>
        <translation>iPXE hat sein Skript vor %1 erhalten und nicht begonnen, Talos herunterzuladen: sehen Sie auf ihrem Bildschirm nach einem iPXE-Fehler.</translation>
    </message>
    <message>
        <source>Waiting for %1. %2</source>
        <translation>Wartet auf %1. %2</translation>
    </message>
    <message>
        <source>Talos was downloaded and never asked for its config: look at their screens (a kernel panic, the wrong architecture?).</source>
        <translation>Talos wurde heruntergeladen und hat nie nach seiner Konfiguration gefragt: sehen Sie auf ihre Bildschirme (eine Kernel-Panic, die falsche Architektur?).</translation>
    </message>
    <message>
        <source>Talos was downloaded %1 ago and has not asked for its config: look at its screen (a kernel panic, the wrong architecture?).</source>
        <translation>Talos wurde vor %1 heruntergeladen und hat nicht nach seiner Konfiguration gefragt: sehen Sie auf ihren Bildschirm (eine Kernel-Panic, die falsche Architektur?).</translation>
    </message>
    <message>
        <source>Talos took its config and reports nothing since: are their logs reaching the console? Look at their screens.</source>
        <translation>Talos hat seine Konfiguration übernommen und meldet seitdem nichts: erreichen ihre Logs die Konsole? Sehen Sie auf ihre Bildschirme.</translation>
    </message>
    <message>
        <source>Talos took its config %1 ago and has reported nothing since: are its logs reaching the console (port %2)? Look at its screen.</source>
        <translation>Talos hat seine Konfiguration vor %1 übernommen und seitdem nichts gemeldet: erreichen ihre Logs die Konsole (Port %2)? Sehen Sie auf ihren Bildschirm.</translation>
    </message>
    <message>
        <source>The Talos install takes far longer than usual: look at their screens or logs.</source>
        <translation>Die Talos-Installation dauert weit länger als üblich: sehen Sie auf ihre Bildschirme oder Logs.</translation>
    </message>
    <message>
        <source>Talos has been installing for %1, far longer than usual: look at its screen or its log.</source>
        <translation>Talos installiert seit %1, weit länger als üblich: sehen Sie auf ihren Bildschirm oder in ihr Log.</translation>
    </message>
    <message>
        <source>%1 The download of %2 stopped at %3%: the machine goes on by itself when the console serves again, or power-cycle it then.</source>
        <translation>%1 Der Download von %2 ist bei %3 % stehen geblieben: die Maschine macht von selbst weiter, sobald die Konsole wieder ausliefert, oder schalten Sie sie dann aus und wieder ein.</translation>
    </message>
    <message>
        <source>Their downloads stopped mid-way: check the cables and the switch, then power-cycle them.</source>
        <translation>Ihre Downloads sind mittendrin stehen geblieben: prüfen Sie Kabel und Switch und schalten Sie sie dann aus und wieder ein.</translation>
    </message>
    <message>
        <source>%1 It goes on by itself when the console serves again.</source>
        <translation>%1 Sie macht von selbst weiter, sobald die Konsole wieder ausliefert.</translation>
    </message>
    <message>
        <source>The console serves again; these machines have not come back yet: power-cycle them.</source>
        <translation>Die Konsole liefert wieder aus; diese Maschinen sind noch nicht zurückgekehrt: schalten Sie sie aus und wieder ein.</translation>
    </message>
    <message>
        <source>The console serves again. If this machine does not go on within a minute, power-cycle it.</source>
        <translation>Die Konsole liefert wieder aus. Macht diese Maschine nicht innerhalb einer Minute weiter, schalten Sie sie aus und wieder ein.</translation>
    </message>
    <message>
        <source>Their Raspberry Pi firmware files were fetched and nothing was asked for since: look at their screens (HDMI); config.txt may name a file their boot folder does not hold.</source>
        <translation>Ihre Raspberry-Pi-Firmwaredateien wurden geladen, seitdem wurde nichts mehr angefragt: sehen Sie auf ihre Bildschirme (HDMI); config.txt nennt womöglich eine Datei, die ihr Bootordner nicht enthält.</translation>
    </message>
    <message>
        <source>It fetched its Raspberry Pi firmware files %1 ago and has asked for nothing since: look at its screen (HDMI); config.txt may name a file its boot folder does not hold.</source>
        <translation>Sie hat ihre Raspberry-Pi-Firmwaredateien vor %1 geladen und seitdem nichts mehr angefragt: sehen Sie auf ihren Bildschirm (HDMI); config.txt nennt womöglich eine Datei, die ihr Bootordner nicht enthält.</translation>
    </message>
</context>
<context>
    <name>Nbc::NeighbourWatch</name>
    <message>
        <source>more HTTP connections at once than a machine opens</source>
        <translation>mehr gleichzeitige HTTP-Verbindungen, als eine Maschine öffnet</translation>
    </message>
    <message>
        <source>more TFTP transfers at once than a machine asks for</source>
        <translation>mehr gleichzeitige TFTP-Übertragungen, als eine Maschine anfordert</translation>
    </message>
    <message>
        <source>more log connections at once than Talos opens</source>
        <translation>mehr gleichzeitige Log-Verbindungen, als Talos öffnet</translation>
    </message>
    <message>
        <source>an HTTP download read too slowly to keep its slot</source>
        <translation>ein HTTP-Download, der zu langsam las, um seinen Platz zu behalten</translation>
    </message>
    <message>
        <source>a log connection that sent nothing for minutes</source>
        <translation>eine Log-Verbindung, die minutenlang nichts gesendet hat</translation>
    </message>
    <message>
        <source>log lines that Talos never sends (endless or never finished)</source>
        <translation>Log-Zeilen, wie Talos sie nie sendet (endlos oder nie beendet)</translation>
    </message>
    <message>
        <source>new machines faster than a pallet powers on (forged DHCP?)</source>
        <translation>neue Maschinen schneller, als eine Palette eingeschaltet wird (gefälschtes DHCP?)</translation>
    </message>
    <message>
        <source>new machines beyond the limit of the workspace (limits: maxMachines)</source>
        <translation>neue Maschinen über die Grenze des Arbeitsordners hinaus (limits: maxMachines)</translation>
    </message>
    <message>
        <source>Clients without an address yet</source>
        <translation>Clients noch ohne Adresse</translation>
    </message>
    <message>
        <source>%1 was turned away once: %2.</source>
        <translation>%1 wurde einmal abgewiesen: %2.</translation>
    </message>
    <message>
        <source>1 more neighbour refusal.</source>
        <translation>1 weitere Abweisung eines Nachbarn.</translation>
    </message>
    <message>
        <source>A misconfigured device or an attack; the machines being booted keep their share.</source>
        <translation>Ein falsch konfiguriertes Gerät oder ein Angriff; die bootenden Maschinen behalten ihren Anteil.</translation>
    </message>
    <message numerus="yes">
        <source>%1 was turned away %n times: %2.</source>
        <translation>
            <numerusform>%1 wurde %n-mal abgewiesen: %2.</numerusform>
            <numerusform>%1 wurde %n-mal abgewiesen: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more neighbour refusals.</source>
        <translation>
            <numerusform>%n weitere Abweisung eines Nachbarn.</numerusform>
            <numerusform>%n weitere Abweisungen von Nachbarn.</numerusform>
        </translation>
    </message>
    <message>
        <source>a Raspberry Pi&apos;s own boot folder, asked for by another address</source>
        <translation>der eigene Bootordner eines Raspberry Pi, angefragt von einer anderen Adresse</translation>
    </message>
</context>
<context>
    <name>Nbc::RogueGuard</name>
    <message>
        <source>a client asked it for the address it had offered</source>
        <translation>ein Client hat ihn nach der Adresse gefragt, die er angeboten hatte</translation>
    </message>
    <message>
        <source>its DHCP reply reached the console&apos;s DHCP port</source>
        <translation>seine DHCP-Antwort hat den DHCP-Port der Konsole erreicht</translation>
    </message>
    <message>
        <source>this network</source>
        <translation>dieses Netz</translation>
    </message>
    <message>
        <source>Another DHCP server answers on %1: %2 (%3). Machines may take its address and not boot from this console; switch it off or unplug it from this network.</source>
        <translation>Ein anderer DHCP-Server antwortet auf %1: %2 (%3). Maschinen könnten seine Adresse übernehmen und nicht von dieser Konsole booten; schalten Sie ihn ab oder trennen Sie ihn von diesem Netz.</translation>
    </message>
    <message numerus="yes">
        <source>%n other DHCP servers answer on %1: %2. Machines may take their addresses and not boot from this console; switch them off or unplug them from this network.</source>
        <translation>
            <numerusform>%n anderer DHCP-Server antwortet auf %1: %2. Maschinen könnten seine Adressen übernehmen und nicht von dieser Konsole booten; schalten Sie ihn ab oder trennen Sie ihn von diesem Netz.</numerusform>
            <numerusform>%n andere DHCP-Server antworten auf %1: %2. Maschinen könnten deren Adressen übernehmen und nicht von dieser Konsole booten; schalten Sie sie ab oder trennen Sie sie von diesem Netz.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Nbc::Sim::Preflight</name>
    <message>
        <source>a pre-flight check is running already</source>
        <translation>eine Vorabprüfung läuft bereits</translation>
    </message>
    <message>
        <source>cannot create a temporary folder: %1</source>
        <translation>kann keinen temporären Ordner anlegen: %1</translation>
    </message>
    <message>
        <source>no Talos kernel and initramfs are set up: add an artefact set first</source>
        <translation>kein Talos-Kernel und -Initramfs eingerichtet: fügen Sie zuerst einen Artefaktsatz hinzu</translation>
    </message>
    <message>
        <source>The %1 service cannot start: %2</source>
        <translation>Der %1-Dienst kann nicht starten: %2</translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation>UEFI</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>%1 machine: %2</source>
        <translation>%1-Maschine: %2</translation>
    </message>
    <message>
        <source>never seen</source>
        <translation>nie gesehen</translation>
    </message>
</context>
<context>
    <name>Nbc::Talos::ConfigLibrary</name>
    <message>
        <source>the file cannot be read: check its owner and permissions</source>
        <translation>die Datei kann nicht gelesen werden: prüfen Sie Eigentümer und Berechtigungen</translation>
    </message>
    <message>
        <source>other users of this computer can read this file, and it holds cluster secrets: run &apos;chmod 600 %1&apos;</source>
        <translation>andere Benutzer dieses Computers können diese Datei lesen, und sie enthält Cluster-Geheimnisse: führen Sie „chmod 600 %1“ aus</translation>
    </message>
    <message>
        <source>the assigned config %1 is not in the configs folder: assign another one or put it back</source>
        <translation>die zugewiesene Konfiguration %1 liegt nicht im Konfigurationsordner: weisen Sie eine andere zu oder legen Sie sie zurück</translation>
    </message>
    <message>
        <source>cannot write %1 (%2): check the folder&apos;s permissions</source>
        <translation>kann %1 nicht schreiben (%2): prüfen Sie die Berechtigungen des Ordners</translation>
    </message>
    <message>
        <source>cannot write %1 (%2): check the free space and the folder&apos;s permissions</source>
        <translation>kann %1 nicht schreiben (%2): prüfen Sie den freien Platz und die Berechtigungen des Ordners</translation>
    </message>
    <message>
        <source>cannot restrict %1 to its owner: run &apos;chmod 600 %1&apos;</source>
        <translation>kann %1 nicht auf seinen Eigentümer beschränken: führen Sie „chmod 600 %1“ aus</translation>
    </message>
    <message>
        <source>there is no config %1</source>
        <translation>es gibt keine Konfiguration %1</translation>
    </message>
    <message>
        <source>cannot change the permissions of %1: run &apos;chmod 600 %1&apos; as its owner</source>
        <translation>kann die Berechtigungen von %1 nicht ändern: führen Sie „chmod 600 %1“ als dessen Eigentümer aus</translation>
    </message>
    <message>
        <source>%1 cannot be read: check its permissions</source>
        <translation>%1 kann nicht gelesen werden: prüfen Sie die Berechtigungen</translation>
    </message>
    <message>
        <source>%1 already exists with other contents: rename or remove it, or import again replacing it</source>
        <translation>%1 existiert bereits mit anderem Inhalt: benennen Sie es um oder entfernen Sie es, oder importieren Sie erneut und ersetzen Sie es</translation>
    </message>
    <message>
        <source>%1 has no controlplane.yaml or worker.yaml: choose the folder &apos;talosctl gen config&apos; wrote</source>
        <translation>%1 enthält keine controlplane.yaml oder worker.yaml: wählen Sie den Ordner, den „talosctl gen config“ geschrieben hat</translation>
    </message>
    <message>
        <source>talosctl is already generating a cluster: wait for it to finish</source>
        <translation>talosctl erzeugt bereits einen Cluster: warten Sie, bis es fertig ist</translation>
    </message>
    <message>
        <source>cannot create a temporary folder: check the free space in %1</source>
        <translation>kann keinen temporären Ordner anlegen: prüfen Sie den freien Platz in %1</translation>
    </message>
    <message>
        <source>generated %1; the talosconfig is in %2</source>
        <translation>%1 erzeugt; die talosconfig liegt in %2</translation>
    </message>
    <message>
        <source>cannot be read: check its permissions</source>
        <translation>kann nicht gelesen werden: prüfen Sie die Berechtigungen</translation>
    </message>
</context>
<context>
    <name>Nbc::Talos::TalosctlGenerator</name>
    <message>
        <source>talosctl is not installed: download talosctl-linux-amd64 from https://github.com/siderolabs/talos/releases (the version of Talos you boot), make it executable and put it on PATH as talosctl; or run &apos;talosctl gen config&apos; on another computer and import the folder it writes</source>
        <translation>talosctl ist nicht installiert: laden Sie talosctl-linux-amd64 von https://github.com/siderolabs/talos/releases herunter (die Version des Talos, das Sie booten), machen Sie es ausführbar und legen Sie es als talosctl in den PATH; oder führen Sie „talosctl gen config“ auf einem anderen Computer aus und importieren Sie den Ordner, den es schreibt</translation>
    </message>
    <message>
        <source>the cluster name &apos;%1&apos; is not usable: use lower-case letters, digits and &apos;-&apos;</source>
        <translation>der Cluster-Name „%1“ ist nicht verwendbar: verwenden Sie Kleinbuchstaben, Ziffern und „-“</translation>
    </message>
    <message>
        <source>the endpoint &apos;%1&apos; is not a URL: write it like https://10.0.0.10:6443</source>
        <translation>der Endpunkt „%1“ ist keine URL: schreiben Sie ihn wie https://10.0.0.10:6443</translation>
    </message>
    <message>
        <source>the Talos version &apos;%1&apos; is not a version: write it like 1.9 or v1.9.5</source>
        <translation>die Talos-Version „%1“ ist keine Version: schreiben Sie sie wie 1.9 oder v1.9.5</translation>
    </message>
    <message>
        <source>talosctl is already generating a cluster: wait for it to finish</source>
        <translation>talosctl erzeugt bereits einen Cluster: warten Sie, bis es fertig ist</translation>
    </message>
    <message>
        <source>talosctl gen config failed (%1): check the name and endpoint</source>
        <translation>talosctl gen config ist fehlgeschlagen (%1): prüfen Sie Name und Endpunkt</translation>
    </message>
    <message>
        <source>talosctl could not be started: %1</source>
        <translation>talosctl konnte nicht gestartet werden: %1</translation>
    </message>
</context>
<context>
    <name>Nbc::TftpServer</name>
    <message>
        <source>TFTP cannot listen on %1: not an IP address.</source>
        <translation>TFTP kann nicht auf %1 lauschen: keine IP-Adresse.</translation>
    </message>
    <message>
        <source>TFTP cannot open a UDP socket: %1</source>
        <translation>TFTP kann keinen UDP-Socket öffnen: %1</translation>
    </message>
    <message>
        <source>TFTP cannot listen on %1 port %2: %3</source>
        <translation>TFTP kann nicht auf %1 Port %2 lauschen: %3</translation>
    </message>
    <message>
        <source>%1: refused (%2)</source>
        <translation>%1: abgelehnt (%2)</translation>
    </message>
    <message>
        <source>%1: no acknowledgement for %2 s, the machine stopped answering</source>
        <translation>%1: seit %2 s keine Bestätigung, die Maschine antwortet nicht mehr</translation>
    </message>
    <message>
        <source>%1: the machine closed its port during the transfer</source>
        <translation>%1: die Maschine hat ihren Port während der Übertragung geschlossen</translation>
    </message>
    <message>
        <source>%1: the file could not be read (%2)</source>
        <translation>%1: die Datei konnte nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>%1: transfer ended (%2)</source>
        <translation>%1: Übertragung beendet (%2)</translation>
    </message>
    <message>
        <source>%1: the first answer and its repeat were never acknowledged (a machine that asks again is served; a forged request is not answered further)</source>
        <translation>%1: die erste Antwort und ihre Wiederholung wurden nie bestätigt (eine Maschine, die erneut fragt, wird bedient; eine gefälschte Anfrage wird nicht weiter beantwortet)</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ArtifactPicker</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>The Talos release to boot; it picks the kernel arguments Talos expects</source>
        <translation>Das zu bootende Talos-Release; es bestimmt die Kernel-Argumente, die Talos erwartet</translation>
    </message>
    <message>
        <source>Talos &amp;version:</source>
        <translation>Talos-&amp;Version:</translation>
    </message>
    <message>
        <source>optional, e.g. console=ttyS0</source>
        <translation>optional, z. B. console=ttyS0</translation>
    </message>
    <message>
        <source>Extra &amp;kernel arguments:</source>
        <translation>Zusätzliche &amp;Kernel-Argumente:</translation>
    </message>
    <message>
        <source>&amp;Download from an Image Factory</source>
        <translation>Aus einer Image Factory &amp;herunterladen</translation>
    </message>
    <message>
        <source>Import a Talos &amp;ISO</source>
        <translation>Ein Talos-&amp;ISO importieren</translation>
    </message>
    <message>
        <source>Choose the two &amp;files</source>
        <translation>Die zwei &amp;Dateien wählen</translation>
    </message>
    <message>
        <source>An Image Factory, or a mirror with the same /image/&lt;schematic&gt;/&lt;version&gt;/ layout</source>
        <translation>Eine Image Factory oder ein Spiegel mit derselben Struktur /image/&lt;schematic&gt;/&lt;version&gt;/</translation>
    </message>
    <message>
        <source>Image &amp;Factory:</source>
        <translation>Image &amp;Factory:</translation>
    </message>
    <message>
        <source>The schematic ID; the one shown is plain Talos without extensions</source>
        <translation>Die Schematic-ID; die angezeigte ist reines Talos ohne Erweiterungen</translation>
    </message>
    <message>
        <source>&amp;Schematic ID:</source>
        <translation>&amp;Schematic-ID:</translation>
    </message>
    <message>
        <source>Do&amp;wnload</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>Download &amp;abbrechen</translation>
    </message>
    <message>
        <source>metal-amd64.iso</source>
        <translation>metal-amd64.iso</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Talos &amp;ISO:</source>
        <translation>Talos-&amp;ISO:</translation>
    </message>
    <message>
        <source>&amp;Read the ISO</source>
        <translation>ISO &amp;lesen</translation>
    </message>
    <message>
        <source>Choose a Talos ISO</source>
        <translation>Ein Talos-ISO wählen</translation>
    </message>
    <message>
        <source>ISO images (*.iso);;All files (*)</source>
        <translation>ISO-Abbilder (*.iso);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Kernel:</source>
        <translation>&amp;Kernel:</translation>
    </message>
    <message>
        <source>vmlinuz-amd64 or kernel-amd64</source>
        <translation>vmlinuz-amd64 oder kernel-amd64</translation>
    </message>
    <message>
        <source>I&amp;nitramfs:</source>
        <translation>I&amp;nitramfs:</translation>
    </message>
    <message>
        <source>initramfs-amd64.xz</source>
        <translation>initramfs-amd64.xz</translation>
    </message>
    <message>
        <source>Choose a Talos version first.</source>
        <translation>Wählen Sie zuerst eine Talos-Version.</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>initramfs</source>
        <translation>Initramfs</translation>
    </message>
    <message>
        <source>Downloading the %1: %2 of %3, %4</source>
        <translation>Lade %1 herunter: %2 von %3, %4</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>unbekannte Größe</translation>
    </message>
    <message>
        <source>Kernel: %1
sha256 %2
Initramfs: %3
sha256 %4</source>
        <translation>Kernel: %1
sha256 %2
Initramfs: %3
sha256 %4</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: check the free space in %1</source>
        <translation>Kann keinen temporären Ordner anlegen: prüfen Sie den freien Platz in %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Found the kernel and initramfs of a Talos ISO.</source>
        <translation>Kernel und Initramfs eines Talos-ISOs gefunden.</translation>
    </message>
    <message>
        <source>Kernel: %1
Initramfs: %2</source>
        <translation>Kernel: %1
Initramfs: %2</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Initramfs</source>
        <translation>Initramfs</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ArtifactsDialog</name>
    <message>
        <source>Artefacts</source>
        <translation>Artefakte</translation>
    </message>
    <message>
        <source>The Talos kernels and initramfs the machines boot. Machines boot the default set unless netboot.yaml names another for them.</source>
        <translation>Die Talos-Kernel und -Initramfs, die die Maschinen booten. Maschinen booten den Standardsatz, sofern netboot.yaml ihnen keinen anderen zuweist.</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Talos</source>
        <translation>Talos</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Initramfs</source>
        <translation>Initramfs</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Make &amp;default</source>
        <translation>Als &amp;Standard</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Remove the artefact set %1? Files the console copied into artifacts/%1/ are deleted.</source>
        <translation>Den Artefaktsatz %1 entfernen? Dateien, die die Konsole nach artifacts/%1/ kopiert hat, werden gelöscht.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Add an artefact set</source>
        <translation>Einen Artefaktsatz hinzufügen</translation>
    </message>
    <message>
        <source>Make it the &amp;default set</source>
        <translation>Zum &amp;Standardsatz machen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>The set was not added: %1</source>
        <translation>Der Satz wurde nicht hinzugefügt: %1</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ArtifactsPage</name>
    <message>
        <source>Talos</source>
        <translation>Talos</translation>
    </message>
    <message>
        <source>The Talos kernel and initramfs the machines boot. Each file is checked before it is used.</source>
        <translation>Der Talos-Kernel und das Initramfs, die die Maschinen booten. Jede Datei wird vor der Verwendung geprüft.</translation>
    </message>
    <message>
        <source>iPXE</source>
        <translation>iPXE</translation>
    </message>
    <message>
        <source>BIOS (undionly.kpxe):</source>
        <translation>BIOS (undionly.kpxe):</translation>
    </message>
    <message>
        <source>UEFI (snponly.efi or ipxe.efi):</source>
        <translation>UEFI (snponly.efi oder ipxe.efi):</translation>
    </message>
    <message>
        <source>From Debian&apos;s ipxe package.</source>
        <translation>Aus Debians Paket ipxe.</translation>
    </message>
    <message>
        <source>Both iPXE binaries are there.</source>
        <translation>Beide iPXE-Binärdateien sind vorhanden.</translation>
    </message>
    <message>
        <source>Missing: %1. Install Debian&apos;s ipxe package (sudo apt install ipxe) or choose the files.</source>
        <translation>Fehlt: %1. Installieren Sie Debians Paket ipxe (sudo apt install ipxe) oder wählen Sie die Dateien.</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::AssignQueueDialog</name>
    <message>
        <source>Assign by power-on order</source>
        <translation>In Einschaltreihenfolge zuweisen</translation>
    </message>
    <message>
        <source>Power the machines on one by one, in the order they stand on the shelf: each one the console sees for the first time, and that has no config yet, takes the next name.</source>
        <translation>Schalten Sie die Maschinen nacheinander ein, in der Reihenfolge, in der sie im Regal stehen: jede, die die Konsole zum ersten Mal sieht und die noch keine Konfiguration hat, erhält den nächsten Namen.</translation>
    </message>
    <message>
        <source>{n} is the number; {n:02} pads it to two digits (worker-01, worker-02, …)</source>
        <translation>{n} ist die Nummer; {n:02} füllt sie auf zwei Stellen auf (worker-01, worker-02, …)</translation>
    </message>
    <message>
        <source>&amp;Config:</source>
        <translation>&amp;Konfiguration:</translation>
    </message>
    <message>
        <source>&amp;Hostnames:</source>
        <translation>&amp;Hostnamen:</translation>
    </message>
    <message>
        <source>&amp;First number:</source>
        <translation>&amp;Erste Nummer:</translation>
    </message>
    <message>
        <source>&amp;Machines:</source>
        <translation>&amp;Maschinen:</translation>
    </message>
    <message>
        <source>&amp;Start the queue</source>
        <translation>Warteschlange &amp;starten</translation>
    </message>
    <message>
        <source>Names: %1</source>
        <translation>Namen: %1</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::Assigner</name>
    <message>
        <source>The config library is not open.</source>
        <translation>Die Konfigurationsbibliothek ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>%1 is no longer in the config library.</source>
        <translation>%1 ist nicht mehr in der Konfigurationsbibliothek.</translation>
    </message>
    <message>
        <source>%1 cannot be assigned: %2</source>
        <translation>%1 kann nicht zugewiesen werden: %2</translation>
    </message>
    <message>
        <source>it is not a valid Talos config.</source>
        <translation>sie ist keine gültige Talos-Konfiguration.</translation>
    </message>
    <message>
        <source>The assignment was not saved: %1</source>
        <translation>Die Zuweisung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not assigned: %1 keeps its role.</source>
        <translation>Nicht zugewiesen: %1 behält ihre Rolle.</translation>
    </message>
    <message numerus="yes">
        <source>Not assigned: %n machines keep their role.</source>
        <translation>
            <numerusform>Nicht zugewiesen: %n Maschine behält ihre Rolle.</numerusform>
            <numerusform>Nicht zugewiesen: %n Maschinen behalten ihre Rolle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::AttentionBar</name>
    <message>
        <source>&amp;Start services</source>
        <translation>Dienste &amp;starten</translation>
    </message>
    <message>
        <source>Answer &amp;PXE clients only</source>
        <translation>Nur &amp;PXE-Clients antworten</translation>
    </message>
    <message>
        <source>While another DHCP server answers, give addresses only to machines that network-boot (saved in netboot.yaml as onRogueDhcp: pxe-only)</source>
        <translation>Solange ein anderer DHCP-Server antwortet, nur Maschinen Adressen geben, die übers Netz booten (in netboot.yaml als onRogueDhcp: pxe-only gespeichert)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>onRogueDhcp: pxe-only saved: while the other server answers, only booting machines get addresses.</source>
        <translation>onRogueDhcp: pxe-only gespeichert: solange der andere Server antwortet, erhalten nur bootende Maschinen Adressen.</translation>
    </message>
    <message>
        <source>%1 A machine waits for it.</source>
        <translation>%1 Eine Maschine wartet darauf.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %n machines wait for it.</source>
        <translation>
            <numerusform>%1 %n Maschine wartet darauf.</numerusform>
            <numerusform>%1 %n Maschinen warten darauf.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Use a free port for %1</source>
        <translation>Einen freien Port für %1 verwenden</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>%1 (%2): %3 × %4</source>
        <translation>%1 (%2): %3 × %4</translation>
    </message>
    <message>
        <source>%1 Until it is gone the console gives addresses only to machines that network-boot.</source>
        <translation>%1 Bis er verschwunden ist, gibt die Konsole nur Maschinen Adressen, die übers Netz booten.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n machines: %1</source>
        <translation>
            <numerusform>%n Maschine: %1</numerusform>
            <numerusform>%n Maschinen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Select them</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>No free port was found above %1.</source>
        <translation>Oberhalb von %1 wurde kein freier Port gefunden.</translation>
    </message>
    <message>
        <source>The %1 service now uses port %2 (saved in netboot.yaml).</source>
        <translation>Der %1-Dienst verwendet jetzt Port %2 (in netboot.yaml gespeichert).</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ConfigDelegate</name>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>needs an install disk per machine</source>
        <translation>braucht eine Installationsplatte je Maschine</translation>
    </message>
    <message>
        <source>invalid: cannot be assigned</source>
        <translation>ungültig: kann nicht zugewiesen werden</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ConfigListModel</name>
    <message>
        <source>Endpoint: %1</source>
        <translation>Endpunkt: %1</translation>
    </message>
    <message>
        <source>Talos %1</source>
        <translation>Talos %1</translation>
    </message>
    <message>
        <source>Drag it onto machines to assign it.</source>
        <translation>Ziehen Sie sie auf Maschinen, um sie zuzuweisen.</translation>
    </message>
    <message>
        <source>control plane</source>
        <translation>Control Plane</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>unknown role</source>
        <translation>unbekannte Rolle</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ConfigSourcePage</name>
    <message>
        <source>Machine configs</source>
        <translation>Maschinenkonfigurationen</translation>
    </message>
    <message>
        <source>Talos machine configs hold the cluster&apos;s secrets: they are kept readable only by you and served only to the machine they are assigned to.</source>
        <translation>Talos-Maschinenkonfigurationen enthalten die Geheimnisse des Clusters: sie sind nur für Sie lesbar und werden nur an die Maschine ausgeliefert, der sie zugewiesen sind.</translation>
    </message>
    <message>
        <source>&amp;Import a &apos;talosctl gen config&apos; folder</source>
        <translation>Einen Ordner von „talosctl gen config“ &amp;importieren</translation>
    </message>
    <message>
        <source>&amp;Generate a new cluster with talosctl</source>
        <translation>Mit talosctl einen neuen Cluster &amp;erzeugen</translation>
    </message>
    <message>
        <source>&amp;Skip for now</source>
        <translation>&amp;Vorerst überspringen</translation>
    </message>
    <message>
        <source>the folder with controlplane.yaml, worker.yaml and talosconfig</source>
        <translation>der Ordner mit controlplane.yaml, worker.yaml und talosconfig</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Choose the folder &apos;talosctl gen config&apos; wrote</source>
        <translation>Wählen Sie den Ordner, den „talosctl gen config“ geschrieben hat</translation>
    </message>
    <message>
        <source>The Kubernetes API address: the first control plane&apos;s IP (or a VIP), port 6443</source>
        <translation>Die Adresse der Kubernetes-API: die IP der ersten Control Plane (oder eine VIP), Port 6443</translation>
    </message>
    <message>
        <source>Cluster &amp;name:</source>
        <translation>Cluster-&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Install &amp;disk:</source>
        <translation>Installations&amp;platte:</translation>
    </message>
    <message>
        <source>Gene&amp;rate</source>
        <translation>E&amp;rzeugen</translation>
    </message>
    <message>
        <source>Import or generate configs later from the config library (Import configs…, Generate configs…).</source>
        <translation>Konfigurationen später in der Konfigurationsbibliothek importieren oder erzeugen (Konfigurationen importieren…, Konfigurationen erzeugen…).</translation>
    </message>
    <message>
        <source>wait in iPXE until I drop a config on them</source>
        <translation>in iPXE warten, bis ich eine Konfiguration auf sie ziehe</translation>
    </message>
    <message>
        <source>boot Talos in maintenance mode (configure them with talosctl apply-config)</source>
        <translation>Talos im Wartungsmodus booten (mit talosctl apply-config konfigurieren)</translation>
    </message>
    <message>
        <source>Machines without a &amp;config:</source>
        <translation>Maschinen ohne &amp;Konfiguration:</translation>
    </message>
    <message>
        <source>Generated. The configs are imported when you finish the wizard.</source>
        <translation>Erzeugt. Die Konfigurationen werden importiert, wenn Sie den Assistenten abschließen.</translation>
    </message>
    <message>
        <source>%1: %2, cluster %3, endpoint %4</source>
        <translation>%1: %2, Cluster %3, Endpunkt %4</translation>
    </message>
    <message>
        <source>%1: cannot be imported</source>
        <translation>%1: kann nicht importiert werden</translation>
    </message>
    <message>
        <source>talosconfig: kept aside in the workspace (admin credentials, never served)</source>
        <translation>talosconfig: im Arbeitsordner beiseitegelegt (Administrator-Zugangsdaten, wird nie ausgeliefert)</translation>
    </message>
    <message>
        <source>Running talosctl gen config…</source>
        <translation>talosctl gen config läuft…</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::DoctorDialog</name>
    <message>
        <source>Network doctor</source>
        <translation>Netzwerkdiagnose</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>&amp;Schnittstelle:</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Asking %1 for DHCP servers (a few seconds)…</source>
        <translation>Frage auf %1 nach DHCP-Servern (einige Sekunden)…</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::DoctorPage</name>
    <message>
        <source>Network doctor</source>
        <translation>Netzwerkdiagnose</translation>
    </message>
    <message>
        <source>The console asks the network for DHCP servers, looks at who holds the ports it needs and whether it may use them.</source>
        <translation>Die Konsole fragt das Netz nach DHCP-Servern und prüft, wer die benötigten Ports belegt und ob sie sie verwenden darf.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>&amp;Proxy DHCP: another DHCP server hands out addresses (a home or office LAN)</source>
        <translation>&amp;Proxy-DHCP: ein anderer DHCP-Server vergibt Adressen (ein Heim- oder Büro-LAN)</translation>
    </message>
    <message>
        <source>&amp;Full DHCP: this console hands out addresses (an isolated switch)</source>
        <translation>&amp;Volles DHCP: diese Konsole vergibt Adressen (ein isolierter Switch)</translation>
    </message>
    <message>
        <source>Address &amp;range:</source>
        <translation>Adress&amp;bereich:</translation>
    </message>
    <message>
        <source>Permission for ports 67 and 69</source>
        <translation>Berechtigung für die Ports 67 und 69</translation>
    </message>
    <message>
        <source>&amp;Grant permission…</source>
        <translation>Berechtigung &amp;erteilen…</translation>
    </message>
    <message>
        <source>The same, in a terminal</source>
        <translation>Dasselbe im Terminal</translation>
    </message>
    <message>
        <source>Try it out on &amp;high ports instead (DHCP 1067, TFTP 1069): no real machine boots that way</source>
        <translation>Stattdessen auf &amp;hohen Ports ausprobieren (DHCP 1067, TFTP 1069): so bootet keine echte Maschine</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>Asking %1 for DHCP servers (a few seconds)…</source>
        <translation>Frage auf %1 nach DHCP-Servern (einige Sekunden)…</translation>
    </message>
    <message>
        <source>Permission granted. Start Netboot Console again for it to take effect.</source>
        <translation>Berechtigung erteilt. Starten Sie Netboot Console neu, damit sie wirksam wird.</translation>
    </message>
    <message>
        <source>The permission was not granted. Run the command shown in a terminal.</source>
        <translation>Die Berechtigung wurde nicht erteilt. Führen Sie den angezeigten Befehl in einem Terminal aus.</translation>
    </message>
    <message>
        <source>pkexec is not installed: run the command shown in a terminal.</source>
        <translation>pkexec ist nicht installiert: führen Sie den angezeigten Befehl in einem Terminal aus.</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::FirstRunWizard</name>
    <message>
        <source>Set up Netboot Console</source>
        <translation>Netboot Console einrichten</translation>
    </message>
    <message>
        <source>nothing could be written</source>
        <translation>nichts konnte geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::FleetBar</name>
    <message>
        <source>%1: %2
Show only these machines; press again to show all.</source>
        <translation>%1: %2
Nur diese Maschinen zeigen; erneut drücken, um alle zu zeigen.</translation>
    </message>
    <message>
        <source>No machine has booted yet.</source>
        <translation>Noch keine Maschine hat gebootet.</translation>
    </message>
    <message>
        <source>%1 of %2 joined</source>
        <translation>%1 von %2 beigetreten</translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>%1 vergangen</translation>
    </message>
    <message>
        <source>ETA any moment now</source>
        <translation>Restzeit: gleich fertig</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>median %1 to join</source>
        <translation>Median %1 bis zum Beitritt</translation>
    </message>
    <message numerus="yes">
        <source>%n slow</source>
        <translation>
            <numerusform>%n langsam</numerusform>
            <numerusform>%n langsam</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for a config</source>
        <translation>
            <numerusform>%n wartet auf eine Konfiguration</numerusform>
            <numerusform>%n warten auf eine Konfiguration</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n machines:</source>
        <translation>
            <numerusform>%n Maschine:</numerusform>
            <numerusform>%n Maschinen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n machines</source>
        <translation>
            <numerusform>%1: %n Maschine</numerusform>
            <numerusform>%1: %n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>no ETA before the first machine joins</source>
        <translation>keine Restzeit vor dem ersten Beitritt</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::FleetTimeline</name>
    <message>
        <source>Fleet timeline</source>
        <translation>Flotten-Zeitleiste</translation>
    </message>
    <message>
        <source>A row per machine, its stages as coloured spans over time</source>
        <translation>Eine Zeile je Maschine, ihre Phasen als farbige Abschnitte über die Zeit</translation>
    </message>
    <message>
        <source>The timeline fills as machines boot: a row per machine, its stages as coloured spans, so the slow ones stand out.</source>
        <translation>Die Zeitleiste füllt sich, während Maschinen booten: eine Zeile je Maschine, ihre Phasen als farbige Abschnitte, damit die langsamen auffallen.</translation>
    </message>
    <message numerus="yes">
        <source>%n machines</source>
        <translation>
            <numerusform>%n Maschine</numerusform>
            <numerusform>%n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2, from %3</source>
        <translation>%1: %2, ab %3</translation>
    </message>
    <message>
        <source>Joined after %1</source>
        <translation>Beigetreten nach %1</translation>
    </message>
    <message>
        <source>%1 for %2 so far</source>
        <translation>%1: bisher %2</translation>
    </message>
    <message>
        <source>The fleet&apos;s median: %1 to join</source>
        <translation>Median der Flotte: %1 bis zum Beitritt</translation>
    </message>
    <message>
        <source>Slow: it takes much longer than the fleet&apos;s median.</source>
        <translation>Langsam: sie braucht viel länger als der Median der Flotte.</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::FleetTimelineDock</name>
    <message>
        <source>Fleet timeline</source>
        <translation>Flotten-Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>&amp;Reihenfolge:</translation>
    </message>
    <message>
        <source>Power-on</source>
        <translation>Einschalten</translation>
    </message>
    <message>
        <source>Slowest first</source>
        <translation>Langsamste zuerst</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::KitBundleActions</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>No file written</source>
        <translation>Keine Datei geschrieben</translation>
    </message>
    <message>
        <source>One file written</source>
        <translation>Eine Datei geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>%n files written</source>
        <translation>
            <numerusform>%n Datei geschrieben</numerusform>
            <numerusform>%n Dateien geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Export &amp;kit bundle…</source>
        <translation>&amp;Kit-Bündel exportieren…</translation>
    </message>
    <message>
        <source>The whole workspace (settings, configs, artefacts, inventory) as one file for another laptop</source>
        <translation>Den ganzen Arbeitsordner (Einstellungen, Konfigurationen, Artefakte, Inventar) als eine Datei für einen anderen Laptop</translation>
    </message>
    <message>
        <source>Import kit &amp;bundle…</source>
        <translation>Kit-Bündel i&amp;mportieren…</translation>
    </message>
    <message>
        <source>Bring a kit bundle into this workspace; newer files here are only replaced when you say so</source>
        <translation>Ein Kit-Bündel in diesen Arbeitsordner übernehmen; neuere Dateien hier werden nur ersetzt, wenn Sie es sagen</translation>
    </message>
    <message>
        <source>Export kit bundle</source>
        <translation>Kit-Bündel exportieren</translation>
    </message>
    <message>
        <source>Kit bundles (*.tar.zst)</source>
        <translation>Kit-Bündel (*.tar.zst)</translation>
    </message>
    <message>
        <source>Writing the kit bundle %1…</source>
        <translation>Schreibe das Kit-Bündel %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export cancelled; no bundle was written.</source>
        <translation>Export abgebrochen; es wurde kein Bündel geschrieben.</translation>
    </message>
    <message>
        <source>The kit bundle was not written.</source>
        <translation>Das Kit-Bündel wurde nicht geschrieben.</translation>
    </message>
    <message>
        <source>The kit bundle is written: %1</source>
        <translation>Das Kit-Bündel ist geschrieben: %1</translation>
    </message>
    <message>
        <source>One file, %1 (%2 compressed).</source>
        <translation>Eine Datei, %1 (%2 komprimiert).</translation>
    </message>
    <message numerus="yes">
        <source>%n files, %1 (%2 compressed).</source>
        <translation>
            <numerusform>%n Datei, %1 (%2 komprimiert).</numerusform>
            <numerusform>%n Dateien, %1 (%2 komprimiert).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not in the bundle (netboot.yaml names them, but they are not files in the workspace folder; the other computer needs its own):
%1</source>
        <translation>Nicht im Bündel (netboot.yaml nennt sie, aber sie sind keine Dateien im Arbeitsordner; der andere Computer braucht eigene):
%1</translation>
    </message>
    <message>
        <source>Kit bundle written: %1</source>
        <translation>Kit-Bündel geschrieben: %1</translation>
    </message>
    <message>
        <source>Import kit bundle</source>
        <translation>Kit-Bündel importieren</translation>
    </message>
    <message>
        <source>%1 in this workspace is newer than the bundle&apos;s copy.</source>
        <translation>%1 in diesem Arbeitsordner ist neuer als die Kopie im Bündel.</translation>
    </message>
    <message>
        <source>Here: changed %1, %2.
In the bundle: changed %3, %4.</source>
        <translation>Hier: geändert %1, %2.
Im Bündel: geändert %3, %4.</translation>
    </message>
    <message>
        <source>&amp;Keep this one</source>
        <translation>&amp;Diese behalten</translation>
    </message>
    <message>
        <source>&amp;Use the bundle&apos;s</source>
        <translation>Die des &amp;Bündels verwenden</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Do the &amp;same for the other newer files</source>
        <translation>Für die anderen neueren Dateien &amp;genauso verfahren</translation>
    </message>
    <message>
        <source>Kit bundles (*.tar.zst);;All files (*)</source>
        <translation>Kit-Bündel (*.tar.zst);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import %1 into the workspace %2?</source>
        <translation>%1 in den Arbeitsordner %2 importieren?</translation>
    </message>
    <message>
        <source>The bundle is checked whole before anything is written. Its files replace older files of the same name here; for each file here that is newer you are asked. Files that are not in the bundle stay as they are. The services stop while the bundle is read and start again afterwards.</source>
        <translation>Das Bündel wird vollständig geprüft, bevor etwas geschrieben wird. Seine Dateien ersetzen ältere gleichnamige Dateien hier; für jede Datei hier, die neuer ist, werden Sie gefragt. Dateien, die nicht im Bündel sind, bleiben, wie sie sind. Die Dienste halten an, während das Bündel gelesen wird, und starten danach wieder.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Reading the kit bundle %1…</source>
        <translation>Lese das Kit-Bündel %1…</translation>
    </message>
    <message>
        <source>The kit bundle was not imported.</source>
        <translation>Das Kit-Bündel wurde nicht importiert.</translation>
    </message>
    <message>
        <source>The kit bundle is imported into %1.</source>
        <translation>Das Kit-Bündel ist in %1 importiert.</translation>
    </message>
    <message numerus="yes">
        <source>; %n already the same</source>
        <translation>
            <numerusform>; %n bereits gleich</numerusform>
            <numerusform>; %n bereits gleich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n newer here and kept: %1</source>
        <translation>
            <numerusform>; %n hier neuer und behalten: %1</numerusform>
            <numerusform>; %n hier neuer und behalten: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Made %1 by %2.</source>
        <translation>Erstellt am %1 von %2.</translation>
    </message>
    <message>
        <source>The bundle does not carry these files that its netboot.yaml names (they were not in the exported workspace folder); put them in place here:
%1</source>
        <translation>Das Bündel enthält diese Dateien nicht, die seine netboot.yaml nennt (sie lagen nicht im exportierten Arbeitsordner); legen Sie sie hier an ihren Platz:
%1</translation>
    </message>
    <message>
        <source>The workspace does not start here yet: %1</source>
        <translation>Der Arbeitsordner startet hier noch nicht: %1</translation>
    </message>
    <message>
        <source>Kit bundle imported: %1.</source>
        <translation>Kit-Bündel importiert: %1.</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MachineDetailDock</name>
    <message>
        <source>Machine</source>
        <translation>Maschine</translation>
    </message>
    <message>
        <source>Select a machine in the table to see its details.</source>
        <translation>Wählen Sie eine Maschine in der Tabelle, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>as in the config</source>
        <translation>wie in der Konfiguration</translation>
    </message>
    <message>
        <source>as in the config, e.g. /dev/sda</source>
        <translation>wie in der Konfiguration, z. B. /dev/sda</translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <source>Install &amp;disk:</source>
        <translation>Installations&amp;platte:</translation>
    </message>
    <message>
        <source>&amp;Save values</source>
        <translation>Werte &amp;speichern</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Fakten</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Filter the log (service or text)</source>
        <translation>Log filtern (Dienst oder Text)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved: its next config fetch gets these values.</source>
        <translation>Gespeichert: ihr nächster Konfigurationsabruf erhält diese Werte.</translation>
    </message>
    <message>
        <source>Saved the values of %1.</source>
        <translation>Die Werte von %1 gespeichert.</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>NIC-Hersteller</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>SMBIOS UUID</source>
        <translation>SMBIOS-UUID</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>%1 (client arch %2)</source>
        <translation>%1 (Client-Arch %2)</translation>
    </message>
    <message>
        <source>Other NICs</source>
        <translation>Weitere NICs</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Network boots</source>
        <translation>Netzwerk-Boots</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Talos</source>
        <translation>Talos</translation>
    </message>
    <message>
        <source>none: drag one from the config library onto the machine</source>
        <translation>keine: ziehen Sie eine aus der Konfigurationsbibliothek auf die Maschine</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Stalled in %1</source>
        <translation>Hängt in %1</translation>
    </message>
    <message>
        <source> &amp;nbsp; &lt;i&gt;(simulated)&lt;/i&gt;</source>
        <translation> &amp;nbsp; &lt;i&gt;(simuliert)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>bisher %1</translation>
    </message>
    <message>
        <source>No config is assigned: drag one from the config library onto this machine.</source>
        <translation>Keine Konfiguration zugewiesen: ziehen Sie eine aus der Konfigurationsbibliothek auf diese Maschine.</translation>
    </message>
    <message>
        <source>%1 cannot be served to this machine: %2</source>
        <translation>%1 kann dieser Maschine nicht ausgeliefert werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n machines selected: %1.</source>
        <translation>
            <numerusform>%n Maschine ausgewählt: %1.</numerusform>
            <numerusform>%n Maschinen ausgewählt: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>One needs attention.</source>
        <translation>Eine braucht Aufmerksamkeit.</translation>
    </message>
    <message numerus="yes">
        <source>%n need attention.</source>
        <translation>
            <numerusform>%n braucht Aufmerksamkeit.</numerusform>
            <numerusform>%n brauchen Aufmerksamkeit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Below: the current one.</source>
        <translation>Unten: die aktuelle.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
    <message>
        <source>What %1 is served from %2: %3, %4 by its per-machine values and the console&apos;s log sink.</source>
        <translation>Was %1 aus %2 ausgeliefert wird: %3, %4 durch ihre maschinenspezifischen Werte und den Log-Empfänger der Konsole.</translation>
    </message>
    <message numerus="yes">
        <source>%n lines added</source>
        <translation>
            <numerusform>%n Zeile hinzugefügt</numerusform>
            <numerusform>%n Zeilen hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <comment>lines of the config</comment>
        <translation>
            <numerusform>%n entfernt</numerusform>
            <numerusform>%n entfernt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MachineTableModel</name>
    <message>
        <source>UEFI</source>
        <translation>UEFI</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>Stalled in %1</source>
        <translation>Hängt in %1</translation>
    </message>
    <message>
        <source>Simulated machine (demo): it exists only on this computer.</source>
        <translation>Simulierte Maschine (Demo): sie existiert nur auf diesem Computer.</translation>
    </message>
    <message>
        <source>Other network cards: %1</source>
        <translation>Weitere Netzwerkkarten: %1</translation>
    </message>
    <message>
        <source>First seen %1</source>
        <translation>Zuerst gesehen %1</translation>
    </message>
    <message>
        <source>Network boots seen: %1</source>
        <translation>Gesehene Netzwerk-Boots: %1</translation>
    </message>
    <message>
        <source>No config assigned: drag one from the config library onto this machine.</source>
        <translation>Keine Konfiguration zugewiesen: ziehen Sie eine aus der Konfigurationsbibliothek auf diese Maschine.</translation>
    </message>
    <message>
        <source>MAC</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>NIC-Hersteller</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>The network card&apos;s maker, from the IEEE OUI list</source>
        <translation>Der Hersteller der Netzwerkkarte, aus der IEEE-OUI-Liste</translation>
    </message>
    <message>
        <source>As iPXE reads it from the machine&apos;s SMBIOS</source>
        <translation>Wie iPXE sie aus dem SMBIOS der Maschine liest</translation>
    </message>
    <message>
        <source>The Talos machine config assigned to it: drag one from the library</source>
        <translation>Die ihr zugewiesene Talos-Maschinenkonfiguration: ziehen Sie eine aus der Bibliothek</translation>
    </message>
    <message>
        <source>Only configs from the config library can be dropped on machines.</source>
        <translation>Nur Konfigurationen aus der Konfigurationsbibliothek können auf Maschinen abgelegt werden.</translation>
    </message>
    <message>
        <source>Drop the config onto a machine&apos;s row.</source>
        <translation>Legen Sie die Konfiguration auf der Zeile einer Maschine ab.</translation>
    </message>
    <message>
        <source>Drop one config at a time: a machine boots with one config.</source>
        <translation>Legen Sie jeweils eine Konfiguration ab: eine Maschine bootet mit einer Konfiguration.</translation>
    </message>
    <message>
        <source>Configs cannot be assigned right now: the workspace is not open.</source>
        <translation>Konfigurationen können gerade nicht zugewiesen werden: der Arbeitsordner ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 fertig</translation>
    </message>
    <message>
        <source>%1 (reinstall to apply)</source>
        <translation>%1 (neu installieren, um es anzuwenden)</translation>
    </message>
    <message>
        <source>%1 (rule %2)</source>
        <translation>%1 (Regel %2)</translation>
    </message>
    <message>
        <source>%1, given by rule %2 in netboot.yaml; an assignment of its own (drag a config onto it) takes its place.</source>
        <translation>%1, vergeben durch Regel %2 in netboot.yaml; eine eigene Zuweisung (Konfiguration auf sie ziehen) tritt an ihre Stelle.</translation>
    </message>
    <message>
        <source>%1 is assigned, but the machine runs the config it was served before: reinstall it (Machine ▸ Reinstall, then power-cycle) to apply the change.</source>
        <translation>%1 ist zugewiesen, aber die Maschine läuft mit der zuvor ausgelieferten Konfiguration: installieren Sie sie neu (Maschine ▸ Neu installieren, dann aus- und einschalten), um die Änderung anzuwenden.</translation>
    </message>
    <message>
        <source>Download</source>
        <comment>column: download progress</comment>
        <translation>Download</translation>
    </message>
    <message>
        <source>Config</source>
        <comment>column: the assigned machine config</comment>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>UEFI HTTP</source>
        <translation>UEFI HTTP</translation>
    </message>
    <message>
        <source>Raspberry Pi</source>
        <translation>Raspberry Pi</translation>
    </message>
    <message>
        <source>Pi folder %1</source>
        <translation>Pi-Ordner %1</translation>
    </message>
    <message>
        <source>%1 · Pi folder %2</source>
        <comment>config, then a Raspberry Pi&apos;s boot folder</comment>
        <translation>%1 · Pi-Ordner %2</translation>
    </message>
    <message>
        <source>No Pi boot folder assigned: it fetches its boot files from its serial-number folder if the piBoot folder has one, else from the TFTP root (Machine ▸ Assign Pi boot folder…).</source>
        <translation>Kein Pi-Bootordner zugewiesen: er lädt seine Bootdateien aus seinem Seriennummer-Ordner, wenn der piBoot-Ordner einen hat, sonst aus dem TFTP-Wurzelordner (Maschine ▸ Pi-Bootordner zuweisen…).</translation>
    </message>
    <message>
        <source>Boot files from the Pi boot folder %1 first (Machine ▸ Assign Pi boot folder…).</source>
        <translation>Bootdateien zuerst aus dem Pi-Bootordner %1 (Maschine ▸ Pi-Bootordner zuweisen…).</translation>
    </message>
    <message>
        <source>No config assigned.</source>
        <translation>Keine Konfiguration zugewiesen.</translation>
    </message>
    <message>
        <source>Config: %1</source>
        <translation>Konfiguration: %1</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MachineTableView</name>
    <message numerus="yes">
        <source>Drop to assign it to the %n selected machines.</source>
        <translation>
            <numerusform>Ablegen, um sie der %n ausgewählten Maschine zuzuweisen.</numerusform>
            <numerusform>Ablegen, um sie den %n ausgewählten Maschinen zuzuweisen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop to assign it to %1.</source>
        <translation>Ablegen, um sie %1 zuzuweisen.</translation>
    </message>
    <message>
        <source>&amp;Reset columns</source>
        <translation>Spalten &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>No machine matches the filter.</source>
        <translation>Keine Maschine passt zum Filter.</translation>
    </message>
    <message>
        <source>No machines yet. Start the services, then power on a machine set to boot from the network. Or try the demo: netboot-console --demo 40</source>
        <translation>Noch keine Maschinen. Starten Sie die Dienste und schalten Sie dann eine Maschine ein, die übers Netz bootet. Oder probieren Sie die Demo: netboot-console --demo 40</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MainWindow</name>
    <message>
        <source>Netboot Console</source>
        <translation>Netboot Console</translation>
    </message>
    <message numerus="yes">
        <source>%n machines</source>
        <translation>
            <numerusform>%n Maschine</numerusform>
            <numerusform>%n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cleared the assignment of %1.</source>
        <translation>Zuweisung von %1 entfernt.</translation>
    </message>
    <message>
        <source>Assigned %1 to %2: it is served on their next request.</source>
        <translation>%1 an %2 zugewiesen: wird bei ihrer nächsten Anfrage ausgeliefert.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Start services</source>
        <translation>Dienste &amp;starten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Start answering network boots</source>
        <translation>Netzwerk-Boots beantworten</translation>
    </message>
    <message>
        <source>S&amp;top services</source>
        <translation>Dienste &amp;anhalten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Stop answering network boots</source>
        <translation>Keine Netzwerk-Boots mehr beantworten</translation>
    </message>
    <message>
        <source>&amp;Assign config…</source>
        <translation>Konfiguration &amp;zuweisen…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Assign a config to the selected machines</source>
        <translation>Den ausgewählten Maschinen eine Konfiguration zuweisen</translation>
    </message>
    <message>
        <source>&amp;Clear assignment</source>
        <translation>Zuweisung &amp;entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Remove the selected machines&apos; config: they wait at their next boot</source>
        <translation>Die Konfiguration der ausgewählten Maschinen entfernen: sie warten bei ihrem nächsten Boot</translation>
    </message>
    <message>
        <source>&amp;Reinstall on next boot</source>
        <translation>Beim nächsten Boot &amp;neu installieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Boot Talos and install again the next time it network-boots</source>
        <translation>Talos beim nächsten Netzwerk-Boot erneut booten und installieren</translation>
    </message>
    <message>
        <source>&amp;Wake</source>
        <translation>&amp;Aufwecken</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>Send a Wake-on-LAN packet to the selected machines</source>
        <translation>Ein Wake-on-LAN-Paket an die ausgewählten Maschinen senden</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Remove the selected machines from the table until they boot again</source>
        <translation>Die ausgewählten Maschinen aus der Tabelle entfernen, bis sie wieder booten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Filter machines</source>
        <translation>Maschinen &amp;filtern</translation>
    </message>
    <message>
        <source>Type to filter the machine table</source>
        <translation>Tippen, um die Maschinentabelle zu filtern</translation>
    </message>
    <message>
        <source>Open &amp;workspace folder</source>
        <translation>Arbeitsordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show the workspace folder (netboot.yaml, configs/) in the file manager</source>
        <translation>Den Arbeitsordner (netboot.yaml, configs/) im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Stop the services and quit</source>
        <translation>Dienste anhalten und beenden</translation>
    </message>
    <message>
        <source>Filter: MAC, vendor, IP, serial, config, hostname…</source>
        <translation>Filter: MAC, Hersteller, IP, Seriennummer, Konfiguration, Hostname…</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Booting</source>
        <translation>Bootet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Config library</source>
        <translation>Konfigurationsbibliothek</translation>
    </message>
    <message>
        <source>Drag a config onto a machine, or onto a selection of machines, to assign it.</source>
        <translation>Ziehen Sie eine Konfiguration auf eine Maschine oder eine Auswahl von Maschinen, um sie zuzuweisen.</translation>
    </message>
    <message>
        <source>Open the configs folder</source>
        <translation>Konfigurationsordner öffnen</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source> Mode: </source>
        <translation> Modus: </translation>
    </message>
    <message>
        <source>Proxy DHCP (next to a DHCP server)</source>
        <translation>Proxy-DHCP (neben einem DHCP-Server)</translation>
    </message>
    <message>
        <source>Full DHCP (isolated network)</source>
        <translation>Volles DHCP (isoliertes Netz)</translation>
    </message>
    <message>
        <source>Proxy: an existing DHCP server hands out addresses and the console adds the boot information. Full: the console is the only DHCP server, on an isolated switch.</source>
        <translation>Proxy: ein vorhandener DHCP-Server vergibt Adressen und die Konsole ergänzt die Boot-Informationen. Voll: die Konsole ist der einzige DHCP-Server, an einem isolierten Switch.</translation>
    </message>
    <message>
        <source>  Interface: </source>
        <translation>  Schnittstelle: </translation>
    </message>
    <message>
        <source>The network the machines to boot are on</source>
        <translation>Das Netz, an dem die zu bootenden Maschinen hängen</translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>Kein Arbeitsordner</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsordner: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Maschine</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>D&amp;ienste</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Netboot Console — %1</source>
        <translation>Netboot Console — %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n machines</source>
        <translation>
            <numerusform>%1 von %n Maschine</numerusform>
            <numerusform>%1 von %n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an interface…</source>
        <translation>Schnittstelle wählen…</translation>
    </message>
    <message>
        <source>loopback %1 (demo)</source>
        <translation>Loopback %1 (Demo)</translation>
    </message>
    <message>
        <source>%1 (no IPv4 address)</source>
        <translation>%1 (keine IPv4-Adresse)</translation>
    </message>
    <message>
        <source>The interface was not saved: %1</source>
        <translation>Die Schnittstelle wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Serving on %1.</source>
        <translation>Dienste laufen auf %1.</translation>
    </message>
    <message>
        <source>The mode was not saved: %1</source>
        <translation>Der Modus wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Full DHCP: the console hands out addresses. Use it only on an isolated network.</source>
        <translation>Volles DHCP: die Konsole vergibt Adressen. Nur in einem isolierten Netz verwenden.</translation>
    </message>
    <message>
        <source>Proxy DHCP: the network&apos;s own DHCP server hands out addresses.</source>
        <translation>Proxy-DHCP: der eigene DHCP-Server des Netzes vergibt Adressen.</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>No configs in the library</source>
        <translation>Keine Konfigurationen in der Bibliothek</translation>
    </message>
    <message>
        <source>No config can be assigned: add one to the workspace&apos;s configs folder.</source>
        <translation>Keine Konfiguration zuweisbar: fügen Sie eine zum Konfigurationsordner des Arbeitsordners hinzu.</translation>
    </message>
    <message>
        <source>Assign config</source>
        <translation>Konfiguration zuweisen</translation>
    </message>
    <message>
        <source>Config for %1:</source>
        <translation>Konfiguration für %1:</translation>
    </message>
    <message numerus="yes">
        <source>Config for the %n selected machines:</source>
        <translation>
            <numerusform>Konfiguration für die %n ausgewählte Maschine:</numerusform>
            <numerusform>Konfiguration für die %n ausgewählten Maschinen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Wake-on-LAN could not be sent: %1</source>
        <translation>Wake-on-LAN konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>Drag a config onto machines, or select machines and press Enter on a config</source>
        <translation>Ziehen Sie eine Konfiguration auf Maschinen, oder wählen Sie Maschinen und drücken Sie Enter auf einer Konfiguration</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>Forget machines</source>
        <translation>Maschinen vergessen</translation>
    </message>
    <message>
        <source>Forget %1?</source>
        <translation>%1 vergessen?</translation>
    </message>
    <message numerus="yes">
        <source>Forget the %n selected machines?</source>
        <translation>
            <numerusform>Die %n ausgewählte Maschine vergessen?</numerusform>
            <numerusform>Die %n ausgewählten Maschinen vergessen?</numerusform>
        </translation>
    </message>
    <message>
        <source>They leave the table and their boot history is deleted. They come back when they network-boot again; their assigned configs stay in the workspace.</source>
        <translation>Sie verschwinden aus der Tabelle und ihr Boot-Verlauf wird gelöscht. Sie kehren zurück, wenn sie wieder übers Netz booten; ihre zugewiesenen Konfigurationen bleiben im Arbeitsordner.</translation>
    </message>
    <message>
        <source>Nothing was forgotten.</source>
        <translation>Nichts wurde vergessen.</translation>
    </message>
    <message>
        <source>Select machines in the table first, then press Enter on a config to assign it.</source>
        <translation>Wählen Sie zuerst Maschinen in der Tabelle und drücken Sie dann Enter auf einer Konfiguration, um sie zuzuweisen.</translation>
    </message>
    <message>
        <source>Choose the network interface the machines are on in the toolbar&apos;s Interface list.</source>
        <translation>Wählen Sie in der Schnittstellenliste der Werkzeugleiste die Netzwerkschnittstelle, an der die Maschinen hängen.</translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos; on this computer. Choose the one the machines are on in the toolbar&apos;s Interface list.</source>
        <translation>Auf diesem Computer gibt es keine Netzwerkschnittstelle „%1“. Wählen Sie in der Schnittstellenliste der Werkzeugleiste die, an der die Maschinen hängen.</translation>
    </message>
    <message>
        <source>The config of %1 was asked for by %2 and refused: only the machine itself, at the address its DHCP exchange gave it, gets it.</source>
        <translation>Die Konfiguration von %1 wurde von %2 angefordert und verweigert: nur die Maschine selbst erhält sie, unter der Adresse, die ihr DHCP-Austausch ihr gab.</translation>
    </message>
    <message>
        <source>Change the role?</source>
        <translation>Rolle ändern?</translation>
    </message>
    <message>
        <source>%1 is installing or installed with another role than %2&apos;s.</source>
        <translation>%1 wird mit einer anderen Rolle als der von %2 installiert oder ist so installiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n machines are installing or installed with another role than %1&apos;s:</source>
        <translation>
            <numerusform>%n Maschine wird mit einer anderen Rolle als der von %1 installiert oder ist so installiert:</numerusform>
            <numerusform>%n Maschinen werden mit einer anderen Rolle als der von %1 installiert oder sind so installiert:</numerusform>
        </translation>
    </message>
    <message>
        <source>The new config takes effect only when they are reinstalled; until then they keep running as they are, and the table marks them &quot;reinstall to apply&quot;.</source>
        <translation>Die neue Konfiguration wirkt erst, wenn sie neu installiert werden; bis dahin laufen sie weiter wie bisher, und die Tabelle markiert sie mit „neu installieren, um es anzuwenden“.</translation>
    </message>
    <message>
        <source>&amp;Assign anyway</source>
        <translation>&amp;Trotzdem zuweisen</translation>
    </message>
    <message>
        <source>Power-on queue: %1 left, next %2</source>
        <translation>Einschalt-Warteschlange: %1 übrig, als Nächstes %2</translation>
    </message>
    <message>
        <source>%1 (%2) took the next name and %3.</source>
        <translation>%1 (%2) hat den nächsten Namen und %3 erhalten.</translation>
    </message>
    <message>
        <source>&amp;Identify on its screen</source>
        <translation>Auf ihrem Bildschirm &amp;identifizieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Y</source>
        <translation>Ctrl+Shift+Y</translation>
    </message>
    <message>
        <source>Make the selected machines&apos; own screens flash their name while they wait in iPXE</source>
        <translation>Die Bildschirme der ausgewählten Maschinen ihren Namen blinken lassen, während sie in iPXE warten</translation>
    </message>
    <message>
        <source>Assign by &amp;power-on order…</source>
        <translation>In Einschalt&amp;reihenfolge zuweisen…</translation>
    </message>
    <message>
        <source>Give the next machines powered on a config and names in the order they come</source>
        <translation>Den nächsten eingeschalteten Maschinen eine Konfiguration und Namen in der Reihenfolge ihres Erscheinens geben</translation>
    </message>
    <message>
        <source>&amp;Pre-flight check</source>
        <translation>&amp;Vorabprüfung</translation>
    </message>
    <message>
        <source>Boot a simulated BIOS and UEFI machine against this workspace&apos;s files before powering on the real ones</source>
        <translation>Eine simulierte BIOS- und UEFI-Maschine mit den Dateien dieses Arbeitsordners booten, bevor die echten eingeschaltet werden</translation>
    </message>
    <message>
        <source>Power the machines on one by one now: each new one takes the next name.</source>
        <translation>Schalten Sie die Maschinen jetzt nacheinander ein: jede neue erhält den nächsten Namen.</translation>
    </message>
    <message>
        <source>%1&apos;s screen flashes its name at its next poll for a minute (while it waits in iPXE).</source>
        <translation>Der Bildschirm von %1 lässt bei der nächsten Abfrage eine Minute lang ihren Namen blinken (während sie in iPXE wartet).</translation>
    </message>
    <message numerus="yes">
        <source>%n machines&apos; screens flash their names at their next poll for a minute (while they wait in iPXE).</source>
        <translation>
            <numerusform>Der Bildschirm von %n Maschine lässt bei der nächsten Abfrage eine Minute lang ihren Namen blinken (während sie in iPXE wartet).</numerusform>
            <numerusform>Die Bildschirme von %n Maschinen lassen bei der nächsten Abfrage eine Minute lang ihre Namen blinken (während sie in iPXE warten).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selected %n machines.</source>
        <translation>
            <numerusform>%n Maschine ausgewählt.</numerusform>
            <numerusform>%n Maschinen ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No machine configs yet. Import the folder &apos;talosctl gen config&apos; wrote, or generate a cluster with talosctl (the buttons below).</source>
        <translation>Noch keine Maschinenkonfigurationen. Importieren Sie den Ordner, den „talosctl gen config“ geschrieben hat, oder erzeugen Sie einen Cluster mit talosctl (die Knöpfe unten).</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Stop the services?</source>
        <translation>Dienste anhalten?</translation>
    </message>
    <message>
        <source>A machine is booting from this console.</source>
        <translation>Eine Maschine bootet von dieser Konsole.</translation>
    </message>
    <message numerus="yes">
        <source>%n machines are booting from this console.</source>
        <translation>
            <numerusform>%n Maschine bootet von dieser Konsole.</numerusform>
            <numerusform>%n Maschinen booten von dieser Konsole.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping the services interrupts their downloads and config requests; they go on by themselves when the services run again, or need a power-cycle.</source>
        <translation>Das Anhalten der Dienste unterbricht ihre Downloads und Konfigurationsanfragen; sie machen von selbst weiter, sobald die Dienste wieder laufen, oder müssen aus- und eingeschaltet werden.</translation>
    </message>
    <message>
        <source>&amp;Stop anyway</source>
        <translation>Trotzdem &amp;anhalten</translation>
    </message>
    <message>
        <source>The pre-flight check cannot run: %1</source>
        <translation>Die Vorabprüfung kann nicht laufen: %1</translation>
    </message>
    <message>
        <source>Pre-flight: two simulated machines boot against this workspace (no config)…</source>
        <translation>Vorabprüfung: zwei simulierte Maschinen booten mit diesem Arbeitsordner (ohne Konfiguration)…</translation>
    </message>
    <message>
        <source>Pre-flight: two simulated machines boot against this workspace with %1…</source>
        <translation>Vorabprüfung: zwei simulierte Maschinen booten mit diesem Arbeitsordner und %1…</translation>
    </message>
    <message>
        <source>Pre-flight check</source>
        <translation>Vorabprüfung</translation>
    </message>
    <message>
        <source>Both machines booted as the pallet will.</source>
        <translation>Beide Maschinen haben gebootet, wie es die Palette tun wird.</translation>
    </message>
    <message>
        <source>Something would fail: fix it before powering on the pallet.</source>
        <translation>Etwas würde fehlschlagen: beheben Sie es, bevor Sie die Palette einschalten.</translation>
    </message>
    <message>
        <source>Without a config.</source>
        <translation>Ohne Konfiguration.</translation>
    </message>
    <message>
        <source>Config: %1</source>
        <translation>Konfiguration: %1</translation>
    </message>
    <message>
        <source>Pre-flight check passed.</source>
        <translation>Vorabprüfung bestanden.</translation>
    </message>
    <message>
        <source>Pre-flight check: something would fail.</source>
        <translation>Vorabprüfung: etwas würde fehlschlagen.</translation>
    </message>
    <message>
        <source>, cluster %1</source>
        <translation>, Cluster %1</translation>
    </message>
    <message>
        <source>%1 will install Talos again at its next network boot.</source>
        <translation>%1 installiert Talos beim nächsten Netzwerk-Boot erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n machines will install Talos again at their next network boot.</source>
        <translation>
            <numerusform>%n Maschine installiert Talos beim nächsten Netzwerk-Boot erneut.</numerusform>
            <numerusform>%n Maschinen installieren Talos beim nächsten Netzwerk-Boot erneut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waking %n machines, %1 at a time, via %2.</source>
        <translation>
            <numerusform>Wecke %n Maschine, jeweils %1, über %2.</numerusform>
            <numerusform>Wecke %n Maschinen, jeweils %1, über %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent Wake-on-LAN to one machine via %1.</source>
        <translation>Wake-on-LAN über %1 an eine Maschine gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>Sent Wake-on-LAN to %n machines via %1.</source>
        <translation>
            <numerusform>Wake-on-LAN über %1 an %n Maschine gesendet.</numerusform>
            <numerusform>Wake-on-LAN über %1 an %n Maschinen gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Forget it</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Forget %n machines</source>
        <translation>
            <numerusform>%n Maschine &amp;vergessen</numerusform>
            <numerusform>%n Maschinen &amp;vergessen</numerusform>
        </translation>
    </message>
    <message>
        <source>Forgot %1; it comes back when it boots again.</source>
        <translation>%1 vergessen; sie kehrt zurück, wenn sie wieder bootet.</translation>
    </message>
    <message numerus="yes">
        <source>Forgot %n machines; they come back when they boot again.</source>
        <translation>
            <numerusform>%n Maschine vergessen; sie kehrt zurück, wenn sie wieder bootet.</numerusform>
            <numerusform>%n Maschinen vergessen; sie kehren zurück, wenn sie wieder booten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Set &amp;up…</source>
        <translation>Ein&amp;richten…</translation>
    </message>
    <message>
        <source>The first-run wizard: network, network doctor, Talos, machine configs</source>
        <translation>Der Einrichtungsassistent: Netz, Netzwerkdiagnose, Talos, Maschinenkonfigurationen</translation>
    </message>
    <message>
        <source>&amp;Artefacts…</source>
        <translation>&amp;Artefakte…</translation>
    </message>
    <message>
        <source>Talos kernels and initramfs: add from files, an ISO or an Image Factory; the default</source>
        <translation>Talos-Kernel und -Initramfs: aus Dateien, einem ISO oder einer Image Factory hinzufügen; der Standard</translation>
    </message>
    <message>
        <source>Network &amp;doctor…</source>
        <translation>Netzwerk&amp;diagnose…</translation>
    </message>
    <message>
        <source>Other DHCP servers on the network, who holds the ports, permissions, firewall</source>
        <translation>Andere DHCP-Server im Netz, wer die Ports belegt, Berechtigungen, Firewall</translation>
    </message>
    <message>
        <source>&amp;Import configs…</source>
        <translation>Konfigurationen &amp;importieren…</translation>
    </message>
    <message>
        <source>Import the folder &apos;talosctl gen config&apos; wrote (controlplane.yaml, worker.yaml)</source>
        <translation>Den Ordner importieren, den „talosctl gen config“ geschrieben hat (controlplane.yaml, worker.yaml)</translation>
    </message>
    <message>
        <source>&amp;Generate configs…</source>
        <translation>Konfigurationen &amp;erzeugen…</translation>
    </message>
    <message>
        <source>Generate a new cluster&apos;s configs with talosctl</source>
        <translation>Die Konfigurationen eines neuen Clusters mit talosctl erzeugen</translation>
    </message>
    <message>
        <source>Set up. Power on a machine set to network boot: it appears in the table.</source>
        <translation>Eingerichtet. Schalten Sie eine Maschine ein, die übers Netz bootet: sie erscheint in der Tabelle.</translation>
    </message>
    <message>
        <source>Choose the folder &apos;talosctl gen config&apos; wrote</source>
        <translation>Wählen Sie den Ordner, den „talosctl gen config“ geschrieben hat</translation>
    </message>
    <message>
        <source>Import configs</source>
        <translation>Konfigurationen importieren</translation>
    </message>
    <message>
        <source>%1

Replace the existing files with the imported ones?</source>
        <translation>%1

Die vorhandenen Dateien durch die importierten ersetzen?</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Nicht importiert: %1</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 importiert.</translation>
    </message>
    <message>
        <source>Imported %1; the talosconfig is kept in %2.</source>
        <translation>%1 importiert; die talosconfig liegt in %2.</translation>
    </message>
    <message>
        <source>Generate configs</source>
        <translation>Konfigurationen erzeugen</translation>
    </message>
    <message>
        <source>talosctl&apos;s own</source>
        <translation>die von talosctl</translation>
    </message>
    <message>
        <source>Cluster &amp;name:</source>
        <translation>Cluster-&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Install &amp;disk:</source>
        <translation>Installations&amp;platte:</translation>
    </message>
    <message>
        <source>Talos &amp;version:</source>
        <translation>Talos-&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>Running talosctl gen config…</source>
        <translation>talosctl gen config läuft…</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::NetworkPage</name>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Choose the interface the machines are plugged into. A wired interface with a cable in is best: machines cannot network-boot over Wi-Fi.</source>
        <translation>Wählen Sie die Schnittstelle, an der die Maschinen angeschlossen sind. Am besten eine kabelgebundene mit eingestecktem Kabel: über WLAN können Maschinen nicht übers Netz booten.</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>recommended</source>
        <translation>empfohlen</translation>
    </message>
    <message>
        <source>down</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>cable connected</source>
        <translation>Kabel verbunden</translation>
    </message>
    <message>
        <source>no cable</source>
        <translation>kein Kabel</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::PalletReportActions</name>
    <message>
        <source>Export pallet &amp;report…</source>
        <translation>&amp;Palettenbericht exportieren…</translation>
    </message>
    <message>
        <source>The inventory as inventory.csv and a printable report.pdf, in a folder you choose</source>
        <translation>Das Inventar als inventory.csv und als druckbarer report.pdf, in einem Ordner Ihrer Wahl</translation>
    </message>
    <message>
        <source>Pallet report written to %1: %2 and %3</source>
        <translation>Palettenbericht nach %1 geschrieben: %2 und %3</translation>
    </message>
    <message>
        <source>Export pallet report into a folder</source>
        <translation>Palettenbericht in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Export pallet report</source>
        <translation>Palettenbericht exportieren</translation>
    </message>
    <message>
        <source>The pallet report was not written.</source>
        <translation>Der Palettenbericht wurde nicht geschrieben.</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::PiFolderActions</name>
    <message>
        <source>Assign Pi &amp;boot folder…</source>
        <translation>Pi-&amp;Bootordner zuweisen…</translation>
    </message>
    <message>
        <source>Choose the folder the selected Raspberry Pis fetch their boot files from over TFTP</source>
        <translation>Den Ordner wählen, aus dem die ausgewählten Raspberry Pis ihre Bootdateien per TFTP laden</translation>
    </message>
    <message>
        <source>Select one or more Raspberry Pis in the table first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere Raspberry Pis in der Tabelle aus.</translation>
    </message>
    <message>
        <source>There is no folder for Pi boot files: set tftpRoot, or piBoot: folder:, in netboot.yaml.</source>
        <translation>Es gibt keinen Ordner für Pi-Bootdateien: setzen Sie tftpRoot oder piBoot: folder: in netboot.yaml.</translation>
    </message>
    <message>
        <source>%1 holds no folder to assign: put a Pi&apos;s boot files (start4.elf, config.txt …) in a folder there.</source>
        <translation>%1 enthält keinen Ordner zum Zuweisen: legen Sie die Bootdateien eines Pi (start4.elf, config.txt …) in einen Ordner darin.</translation>
    </message>
    <message>
        <source>None: its serial-number folder, else the TFTP root</source>
        <translation>Keiner: sein Seriennummer-Ordner, sonst der TFTP-Wurzelordner</translation>
    </message>
    <message>
        <source>Assign Pi boot folder</source>
        <translation>Pi-Bootordner zuweisen</translation>
    </message>
    <message>
        <source>Boot folder for %1, in %2:</source>
        <translation>Bootordner für %1, in %2:</translation>
    </message>
    <message numerus="yes">
        <source>Boot folder for the %n selected Raspberry Pis, in %1:</source>
        <translation>
            <numerusform>Bootordner für den %n ausgewählten Raspberry Pi, in %1:</numerusform>
            <numerusform>Bootordner für die %n ausgewählten Raspberry Pis, in %1:</numerusform>
        </translation>
    </message>
    <message>
        <source>The Pi boot folder was not saved: %1</source>
        <translation>Der Pi-Bootordner wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The Pi boot folder was not changed: %1</source>
        <translation>Der Pi-Bootordner wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>%1 boots from its serial-number folder, else the TFTP root, from its next request.</source>
        <translation>%1 bootet ab seiner nächsten Anfrage aus seinem Seriennummer-Ordner, sonst aus dem TFTP-Wurzelordner.</translation>
    </message>
    <message numerus="yes">
        <source>%n Raspberry Pis boot from their serial-number folders, else the TFTP root, from their next request.</source>
        <translation>
            <numerusform>%n Raspberry Pi bootet ab seiner nächsten Anfrage aus seinem Seriennummer-Ordner, sonst aus dem TFTP-Wurzelordner.</numerusform>
            <numerusform>%n Raspberry Pis booten ab ihrer nächsten Anfrage aus ihren Seriennummer-Ordnern, sonst aus dem TFTP-Wurzelordner.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 fetches its boot files from %2 from its next request.</source>
        <translation>%1 lädt seine Bootdateien ab seiner nächsten Anfrage aus %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n Raspberry Pis fetch their boot files from %1 from their next request.</source>
        <translation>
            <numerusform>%n Raspberry Pi lädt seine Bootdateien ab seiner nächsten Anfrage aus %1.</numerusform>
            <numerusform>%n Raspberry Pis laden ihre Bootdateien ab ihrer nächsten Anfrage aus %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ProgressDelegate</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1, ETA %2</source>
        <translation>%1, noch %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::RuleForm</name>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>optiplex-workers</source>
        <translation>optiplex-workers</translation>
    </message>
    <message>
        <source>Shown in the machine table next to the config the rule gave; {n} is counted per name</source>
        <translation>Wird in der Maschinentabelle neben der von der Regel vergebenen Konfiguration angezeigt; {n} wird je Name gezählt</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Which machines</source>
        <translation>Welche Maschinen</translation>
    </message>
    <message>
        <source>Every field that is filled in must hold; empty ones match any machine. Text takes the wildcards * and ?, in any case.</source>
        <translation>Jedes ausgefüllte Feld muss zutreffen; leere passen auf jede Maschine. Text erlaubt die Platzhalter * und ?, ohne Beachtung der Groß-/Kleinschreibung.</translation>
    </message>
    <message>
        <source>52:54:00</source>
        <translation>52:54:00</translation>
    </message>
    <message>
        <source>52:54:00:00:00:10-52:54:00:00:00:3f</source>
        <translation>52:54:00:00:00:10-52:54:00:00:00:3f</translation>
    </message>
    <message>
        <source>Dell*</source>
        <translation>Dell*</translation>
    </message>
    <message>
        <source>OptiPlex*</source>
        <translation>OptiPlex*</translation>
    </message>
    <message>
        <source>5CG*</source>
        <translation>5CG*</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation>UEFI</translation>
    </message>
    <message>
        <source>MAC &amp;prefix:</source>
        <translation>MAC-&amp;Präfix:</translation>
    </message>
    <message>
        <source>MAC &amp;range:</source>
        <translation>MAC-&amp;Bereich:</translation>
    </message>
    <message>
        <source>&amp;Manufacturer:</source>
        <translation>&amp;Hersteller:</translation>
    </message>
    <message>
        <source>Pro&amp;duct:</source>
        <translation>Pro&amp;dukt:</translation>
    </message>
    <message>
        <source>&amp;Serial:</source>
        <translation>&amp;Seriennummer:</translation>
    </message>
    <message>
        <source>&amp;Firmware:</source>
        <translation>&amp;Firmware:</translation>
    </message>
    <message>
        <source>Counted on what each machine reported (iPXE tells manufacturer, product and serial). A machine&apos;s own entry, or an earlier rule that matches it, still comes first.</source>
        <translation>Geprüft wird, was jede Maschine gemeldet hat (iPXE nennt Hersteller, Produkt und Seriennummer). Ein eigener Eintrag einer Maschine oder eine frühere Regel, die auf sie passt, geht weiterhin vor.</translation>
    </message>
    <message>
        <source>What they get</source>
        <translation>Was sie erhalten</translation>
    </message>
    <message>
        <source>/dev/nvme0n1 (empty: the config&apos;s)</source>
        <translation>/dev/nvme0n1 (leer: die der Konfiguration)</translation>
    </message>
    <message>
        <source>worker-{n:02}</source>
        <translation>worker-{n:02}</translation>
    </message>
    <message>
        <source>{n}: a number per machine, kept once given; {n:02} pads it to two digits; {serial}, {product}, {manufacturer} and {mac} are the machine&apos;s</source>
        <translation>{n}: eine Nummer je Maschine, einmal vergeben bleibt sie; {n:02} füllt sie auf zwei Stellen auf; {serial}, {product}, {manufacturer} und {mac} sind die der Maschine</translation>
    </message>
    <message>
        <source>&amp;Config:</source>
        <translation>&amp;Konfiguration:</translation>
    </message>
    <message>
        <source>&amp;Artefact set:</source>
        <translation>&amp;Artefaktsatz:</translation>
    </message>
    <message>
        <source>Install dis&amp;k:</source>
        <translation>Installations&amp;platte:</translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>Choose a config…</source>
        <translation>Konfiguration wählen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2, cannot be served as it is)</source>
        <translation>%1 (%2, kann so nicht ausgeliefert werden)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Default (%1)</source>
        <translation>Standard (%1)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Matches no machine seen so far.</source>
        <translation>Passt auf keine bisher gesehene Maschine.</translation>
    </message>
    <message>
        <source>No hostname from the rule: Talos keeps the config&apos;s, or picks one.</source>
        <translation>Kein Hostname aus der Regel: Talos behält den der Konfiguration oder wählt einen.</translation>
    </message>
    <message>
        <source>Gives &lt;b&gt;%1&lt;/b&gt; to an example machine (Dell Inc. OptiPlex 7060, serial 5CG1234XYZ).</source>
        <translation>Gibt einer Beispielmaschine (Dell Inc. OptiPlex 7060, Seriennummer 5CG1234XYZ) &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Gives &lt;b&gt;%1&lt;/b&gt; to %2.</source>
        <translation>Gibt %2 &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Every machine it matches gets the same hostname: add {n}, {serial} or {mac}.</source>
        <translation>Jede passende Maschine erhält denselben Hostnamen: fügen Sie {n}, {serial} oder {mac} hinzu.</translation>
    </message>
    <message>
        <source>Renamed: {n} is counted per rule name, so its machines are numbered again from 1.</source>
        <translation>Umbenannt: {n} wird je Regelname gezählt, daher werden ihre Maschinen wieder ab 1 nummeriert.</translation>
    </message>
    <message>
        <source>Patches from netboot.yaml are kept: %1</source>
        <translation>Patches aus netboot.yaml bleiben erhalten: %1</translation>
    </message>
    <message>
        <source>Matches one machine now: %1</source>
        <translation>Passt jetzt auf eine Maschine: %1</translation>
    </message>
    <message numerus="yes">
        <source>Matches %n machines now: %1</source>
        <translation>
            <numerusform>Passt jetzt auf %n Maschine: %1</numerusform>
            <numerusform>Passt jetzt auf %n Maschinen: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::RulesActions</name>
    <message>
        <source>Ru&amp;les…</source>
        <translation>Re&amp;geln…</translation>
    </message>
    <message>
        <source>What machines with no config of their own get, by MAC, maker, model, serial or firmware</source>
        <translation>Was Maschinen ohne eigene Konfiguration erhalten, nach MAC, Hersteller, Modell, Seriennummer oder Firmware</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Rules not changed</source>
        <translation>Regeln nicht geändert</translation>
    </message>
    <message>
        <source>netboot.yaml could not be written, so its rules are as they were: %1</source>
        <translation>netboot.yaml konnte nicht geschrieben werden, daher sind die Regeln unverändert: %1</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::RulesEditor</name>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>A machine with no entry of its own in netboot.yaml gets what the first rule that matches it gives. An assignment of its own (a config dropped on it) always comes first.</source>
        <translation>Eine Maschine ohne eigenen Eintrag in netboot.yaml erhält, was die erste passende Regel vergibt. Eine eigene Zuweisung (eine auf sie gezogene Konfiguration) geht immer vor.</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Matches on</source>
        <translation>Passt auf</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>Install disk</source>
        <translation>Installationsplatte</translation>
    </message>
    <message>
        <source>Matches now</source>
        <translation>Passt jetzt</translation>
    </message>
    <message>
        <source>The order rules are tried in: the first that matches wins</source>
        <translation>Die Reihenfolge, in der Regeln geprüft werden: die erste passende gewinnt</translation>
    </message>
    <message>
        <source>Rules, in the order they are tried</source>
        <translation>Regeln, in der Reihenfolge, in der sie geprüft werden</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Duplicate…</source>
        <translation>&amp;Duplizieren…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Edit the selected rule (Enter)</source>
        <translation>Die ausgewählte Regel bearbeiten (Enter)</translation>
    </message>
    <message>
        <source>Remove the selected rule (Delete)</source>
        <translation>Die ausgewählte Regel entfernen (Entf)</translation>
    </message>
    <message>
        <source>Try the selected rule before the one above it</source>
        <translation>Die ausgewählte Regel vor der darüber prüfen</translation>
    </message>
    <message>
        <source>Try the selected rule after the one below it</source>
        <translation>Die ausgewählte Regel nach der darunter prüfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Write the rules to netboot.yaml; Edit ▸ Undo takes them back</source>
        <translation>Die Regeln in netboot.yaml schreiben; Bearbeiten ▸ Rückgängig nimmt sie zurück</translation>
    </message>
    <message>
        <source>MAC %1…</source>
        <translation>MAC %1…</translation>
    </message>
    <message>
        <source>MAC %1</source>
        <translation>MAC %1</translation>
    </message>
    <message>
        <source>manufacturer %1</source>
        <translation>Hersteller %1</translation>
    </message>
    <message>
        <source>product %1</source>
        <translation>Produkt %1</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>Seriennummer %1</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation>UEFI</translation>
    </message>
    <message>
        <source>every machine</source>
        <translation>jede Maschine</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>patches: %1</source>
        <translation>Patches: %1</translation>
    </message>
    <message>
        <source>Machines seen so far whose facts this rule matches; one with its own entry, or matched by an earlier rule, gets that instead</source>
        <translation>Bisher gesehene Maschinen, auf deren Fakten diese Regel passt; eine mit eigenem Eintrag oder von einer früheren Regel erfasste erhält stattdessen jenes</translation>
    </message>
    <message>
        <source>Edit or remove the rules marked before saving.</source>
        <translation>Bearbeiten oder entfernen Sie die markierten Regeln vor dem Speichern.</translation>
    </message>
    <message>
        <source>No rules: machines with no entry of their own wait until a config is dropped on them.</source>
        <translation>Keine Regeln: Maschinen ohne eigenen Eintrag warten, bis eine Konfiguration auf sie gezogen wird.</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>The rules were not saved: %1</source>
        <translation>Die Regeln wurden nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>netboot.yaml&apos;s rules were changed outside the console while this was open: Save replaces them with the list here (and Undo brings them back).</source>
        <translation>Die Regeln in netboot.yaml wurden außerhalb der Konsole geändert, während dies geöffnet war: Speichern ersetzt sie durch die Liste hier (und Rückgängig holt sie zurück).</translation>
    </message>
    <message>
        <source>1 machine</source>
        <translation>1 Maschine</translation>
    </message>
    <message numerus="yes">
        <source>%n machines</source>
        <translation>
            <numerusform>%n Maschine</numerusform>
            <numerusform>%n Maschinen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ServicesPanel</name>
    <message>
        <source>DHCP (PXE)</source>
        <translation>DHCP (PXE)</translation>
    </message>
    <message>
        <source>TFTP</source>
        <translation>TFTP</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Talos logs</source>
        <translation>Talos-Logs</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;Copy command</source>
        <translation>Befehl &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard, then paste it into a terminal</source>
        <translation>Den Befehl in die Zwischenablage kopieren und dann in ein Terminal einfügen</translation>
    </message>
    <message>
        <source>Expand a service to see all of its counters</source>
        <translation>Einen Dienst aufklappen, um alle seine Zähler zu sehen</translation>
    </message>
    <message>
        <source>DHCP (full)</source>
        <translation>DHCP (voll)</translation>
    </message>
    <message>
        <source>served %1 · dropped %2</source>
        <translation>ausgeliefert %1 · verworfen %2</translation>
    </message>
    <message>
        <source>dropped (%1)</source>
        <translation>verworfen (%1)</translation>
    </message>
    <message>
        <source>served</source>
        <translation>ausgeliefert</translation>
    </message>
    <message>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <source>cannot start: see above</source>
        <translation>kann nicht starten: siehe oben</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <source>%1 cannot start: %2</source>
        <translation>%1 kann nicht starten: %2</translation>
    </message>
    <message>
        <source>Available interfaces:</source>
        <translation>Verfügbare Schnittstellen:</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Maschinen</translation>
    </message>
    <message>
        <source>Running</source>
        <comment>service state</comment>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped</source>
        <comment>service state</comment>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>service state</comment>
        <translation>Ausgefallen</translation>
    </message>
    <message>
        <source>ignored (no DHCP of that machine seen)</source>
        <translation>ignoriert (kein DHCP dieser Maschine gesehen)</translation>
    </message>
    <message>
        <source>refused (%1)</source>
        <translation>abgewiesen (%1)</translation>
    </message>
    <message>
        <source>evicted (never got past Discovered)</source>
        <translation>verdrängt (kam nie über „Erkannt“ hinaus)</translation>
    </message>
    <message>
        <source>ignored %1 · refused %2 · evicted %3</source>
        <translation>ignoriert %1 · abgewiesen %2 · verdrängt %3</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::SetupExportActions</name>
    <message>
        <source>Export for &amp;dnsmasq + nginx…</source>
        <translation>Für dnsmasq + &amp;nginx exportieren…</translation>
    </message>
    <message>
        <source>The workspace as a dnsmasq.conf, an nginx server block and a static web tree that boot the same machines with no console running</source>
        <translation>Der Arbeitsordner als dnsmasq.conf, nginx-Serverblock und statischer Webordner, die dieselben Maschinen ohne laufende Konsole booten</translation>
    </message>
    <message>
        <source>Export for &amp;Matchbox…</source>
        <translation>Für Mat&amp;chbox exportieren…</translation>
    </message>
    <message>
        <source>The workspace as Matchbox&apos;s profiles, groups, configs and assets, with a dnsmasq.conf in front</source>
        <translation>Der Arbeitsordner als Profile, Gruppen, Konfigurationen und Assets für Matchbox, mit einer dnsmasq.conf davor</translation>
    </message>
    <message>
        <source>Export for Matchbox</source>
        <translation>Für Matchbox exportieren</translation>
    </message>
    <message>
        <source>Export for dnsmasq + nginx</source>
        <translation>Für dnsmasq + nginx exportieren</translation>
    </message>
    <message>
        <source>Export for Matchbox into a folder</source>
        <translation>Für Matchbox in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Export for dnsmasq + nginx into a folder</source>
        <translation>Für dnsmasq + nginx in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>%1 is not empty.</source>
        <translation>%1 ist nicht leer.</translation>
    </message>
    <message>
        <source>The export writes its files among the ones there and replaces those of the same name. Other files stay, and may then be served too.</source>
        <translation>Der Export schreibt seine Dateien zu den vorhandenen und ersetzt gleichnamige. Andere Dateien bleiben und werden dann womöglich mit ausgeliefert.</translation>
    </message>
    <message>
        <source>Write into it</source>
        <translation>Trotzdem hineinschreiben</translation>
    </message>
    <message>
        <source>Nothing was exported.</source>
        <translation>Nichts wurde exportiert.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) into %1; %2 says how to start them</source>
        <translation>
            <numerusform>%n Datei nach %1 exportiert; %2 beschreibt, wie man sie startet</numerusform>
            <numerusform>%n Dateien nach %1 exportiert; %2 beschreibt, wie man sie startet</numerusform>
        </translation>
    </message>
    <message>
        <source>The machine configs hold the cluster&apos;s secrets: anyone who can reach the server can read them. %1 says how to start the services and how to restrict the configs.</source>
        <translation>Die Maschinenkonfigurationen enthalten die Geheimnisse des Clusters: jeder, der den Server erreicht, kann sie lesen. %1 beschreibt, wie man die Dienste startet und den Zugriff auf die Konfigurationen einschränkt.</translation>
    </message>
    <message>
        <source>Not in this export:</source>
        <translation>Nicht in diesem Export:</translation>
    </message>
    <message>
        <source>Exported into %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::SetupImportActions</name>
    <message>
        <source>Bring a dnsmasq + web server setup (the netboot guide&apos;s) into this workspace: its kernel, configs and machines</source>
        <translation>Eine Einrichtung aus dnsmasq + Webserver (wie in der Netboot-Anleitung) in diesen Arbeitsordner übernehmen: ihren Kernel, ihre Konfigurationen und Maschinen</translation>
    </message>
    <message>
        <source>Import dnsmasq setup</source>
        <translation>dnsmasq-Einrichtung importieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (read from %2) into the workspace &lt;b&gt;%3&lt;/b&gt;.&lt;br&gt;Nothing in that folder is changed; its files are copied.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (gelesen aus %2) in den Arbeitsordner &lt;b&gt;%3&lt;/b&gt;.&lt;br&gt;In jenem Ordner wird nichts geändert; seine Dateien werden kopiert.</translation>
    </message>
    <message>
        <source>Will be imported</source>
        <translation>Wird importiert</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Proxy DHCP next to the network&apos;s own DHCP server</source>
        <translation>Proxy-DHCP neben dem eigenen DHCP-Server des Netzes</translation>
    </message>
    <message>
        <source>Full DHCP (no address pool found: set dhcpRange)</source>
        <translation>Volles DHCP (kein Adresspool gefunden: setzen Sie dhcpRange)</translation>
    </message>
    <message>
        <source>Full DHCP, addresses %1</source>
        <translation>Volles DHCP, Adressen %1</translation>
    </message>
    <message>
        <source>Interface %1</source>
        <translation>Schnittstelle %1</translation>
    </message>
    <message>
        <source>Interface: the workspace&apos;s own</source>
        <translation>Schnittstelle: die des Arbeitsordners</translation>
    </message>
    <message>
        <source>%1 is not on this computer</source>
        <translation>%1 ist nicht auf diesem Computer</translation>
    </message>
    <message>
        <source>HTTP on port %1</source>
        <translation>HTTP auf Port %1</translation>
    </message>
    <message>
        <source>as the seed&apos;s URLs</source>
        <translation>wie die URLs der Vorlage</translation>
    </message>
    <message>
        <source>as the seed&apos;s URLs (server %1)</source>
        <translation>wie die URLs der Vorlage (Server %1)</translation>
    </message>
    <message>
        <source>iPXE binaries</source>
        <translation>iPXE-Binärdateien</translation>
    </message>
    <message>
        <source>BIOS: the workspace&apos;s own</source>
        <translation>BIOS: die des Arbeitsordners</translation>
    </message>
    <message>
        <source>BIOS: %1</source>
        <translation>BIOS: %1</translation>
    </message>
    <message>
        <source>UEFI: the workspace&apos;s own</source>
        <translation>UEFI: die des Arbeitsordners</translation>
    </message>
    <message>
        <source>UEFI: %1</source>
        <translation>UEFI: %1</translation>
    </message>
    <message>
        <source>Talos kernel and initramfs</source>
        <translation>Talos-Kernel und -Initramfs</translation>
    </message>
    <message>
        <source>Not found: add them with File ▸ Artefacts afterwards</source>
        <translation>Nicht gefunden: fügen Sie sie danach mit Datei ▸ Artefakte hinzu</translation>
    </message>
    <message>
        <source>Kernel, the default set for Talos %1</source>
        <translation>Kernel, der Standardsatz für Talos %1</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(Version unbekannt)</translation>
    </message>
    <message>
        <source>Initramfs</source>
        <translation>Initramfs</translation>
    </message>
    <message>
        <source>Extra kernel arguments</source>
        <translation>Zusätzliche Kernel-Argumente</translation>
    </message>
    <message>
        <source>none beyond Talos&apos;s own</source>
        <translation>keine außer denen von Talos</translation>
    </message>
    <message numerus="yes">
        <source>Configs: %n, readable by you only</source>
        <translation>
            <numerusform>Konfigurationen: %n, nur für Sie lesbar</numerusform>
            <numerusform>Konfigurationen: %n, nur für Sie lesbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Machines: %n</source>
        <translation>
            <numerusform>Maschinen: %n</numerusform>
            <numerusform>Maschinen: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>UUID %1</source>
        <translation>UUID %1</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>Seriennummer %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <source>Every other machine → %1 (a rule)</source>
        <translation>Jede andere Maschine → %1 (eine Regel)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Every line was understood and carried over.</source>
        <translation>Jede Zeile wurde verstanden und übernommen.</translation>
    </message>
    <message>
        <source>&amp;Replace what the workspace has (%1)</source>
        <translation>Inhalt des Arbeitsordners &amp;ersetzen (%1)</translation>
    </message>
    <message>
        <source>The services stop while the files are written and start again afterwards.</source>
        <translation>Die Dienste halten an, während die Dateien geschrieben werden, und starten danach wieder.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Choose the setup&apos;s dnsmasq.conf</source>
        <translation>Die dnsmasq.conf der Einrichtung wählen</translation>
    </message>
    <message>
        <source>dnsmasq configuration (*.conf);;All files (*)</source>
        <translation>dnsmasq-Konfiguration (*.conf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The setup was not read.</source>
        <translation>Die Einrichtung wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>The setup was not imported; the workspace is as it was.</source>
        <translation>Die Einrichtung wurde nicht importiert; der Arbeitsordner ist unverändert.</translation>
    </message>
    <message>
        <source>The setup is imported into %1.</source>
        <translation>Die Einrichtung ist in %1 importiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n machine entries</source>
        <translation>
            <numerusform>%n Maschineneintrag</numerusform>
            <numerusform>%n Maschineneinträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n configs</source>
        <translation>
            <numerusform>%n Konfiguration</numerusform>
            <numerusform>%n Konfigurationen</numerusform>
        </translation>
    </message>
    <message>
        <source>artefact set %1</source>
        <translation>Artefaktsatz %1</translation>
    </message>
    <message>
        <source>The console cannot serve yet: %1</source>
        <translation>Die Konsole kann noch nicht ausliefern: %1</translation>
    </message>
    <message>
        <source>dnsmasq setup imported from %1</source>
        <translation>dnsmasq-Einrichtung aus %1 importiert</translation>
    </message>
    <message>
        <source>Everything the console needs was understood.</source>
        <translation>Alles, was die Konsole braucht, wurde verstanden.</translation>
    </message>
    <message numerus="yes">
        <source>Left out of the import: %n items, each at its file and line</source>
        <translation>
            <numerusform>Beim Import ausgelassen: %n Eintrag, jeweils mit Datei und Zeile</numerusform>
            <numerusform>Beim Import ausgelassen: %n Einträge, jeweils mit Datei und Zeile</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n items of the setup were not carried over; the plan listed them.</source>
        <translation>
            <numerusform>%n Eintrag der Einrichtung wurde nicht übernommen; der Plan hat ihn aufgeführt.</numerusform>
            <numerusform>%n Einträge der Einrichtung wurden nicht übernommen; der Plan hat sie aufgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import d&amp;nsmasq setup…</source>
        <translation>&amp;dnsmasq-Einrichtung importieren…</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Finish writes this into the workspace and starts the services.</source>
        <translation>Bisher wurde nichts geschrieben. „Fertigstellen“ schreibt dies in den Arbeitsordner und startet die Dienste.</translation>
    </message>
    <message>
        <source>&amp;Write and start</source>
        <translation>&amp;Schreiben und starten</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsordner: %1</translation>
    </message>
    <message>
        <source>Interface: %1</source>
        <translation>Schnittstelle: %1</translation>
    </message>
    <message>
        <source>Mode: full DHCP, addresses %1</source>
        <translation>Modus: volles DHCP, Adressen %1</translation>
    </message>
    <message>
        <source>Mode: proxy DHCP next to the network&apos;s DHCP server</source>
        <translation>Modus: Proxy-DHCP neben dem DHCP-Server des Netzes</translation>
    </message>
    <message>
        <source>Ports: DHCP 1067 and TFTP 1069, for a trial (real machines ask on 67 and 69)</source>
        <translation>Ports: DHCP 1067 und TFTP 1069, zum Ausprobieren (echte Maschinen fragen auf 67 und 69)</translation>
    </message>
    <message>
        <source>Talos %1: %2 and %3, copied to artifacts/%4/</source>
        <translation>Talos %1: %2 und %3, nach artifacts/%4/ kopiert</translation>
    </message>
    <message>
        <source>iPXE: %1, %2</source>
        <translation>iPXE: %1, %2</translation>
    </message>
    <message>
        <source>Machine configs: none yet (import or generate them later in the config library)</source>
        <translation>Maschinenkonfigurationen: noch keine (später in der Konfigurationsbibliothek importieren oder erzeugen)</translation>
    </message>
    <message>
        <source>Machine configs: imported from %1</source>
        <translation>Maschinenkonfigurationen: importiert aus %1</translation>
    </message>
    <message>
        <source>Machines without a config: boot Talos in maintenance mode</source>
        <translation>Maschinen ohne Konfiguration: Talos im Wartungsmodus booten</translation>
    </message>
    <message>
        <source>Machines without a config: wait in iPXE until you drop one on them</source>
        <translation>Maschinen ohne Konfiguration: in iPXE warten, bis Sie eine auf sie ziehen</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Nichts wurde geändert: %1</translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::WakeDialog</name>
    <message>
        <source>Wake-on-LAN</source>
        <translation>Wake-on-LAN</translation>
    </message>
    <message>
        <source>%v of %m sent</source>
        <translation>%v von %m gesendet</translation>
    </message>
    <message>
        <source>The next machines are woken when these have their kernel and initramfs (or went further, wait for a config or failed), or when a batch takes too long.</source>
        <translation>Die nächsten Maschinen werden geweckt, wenn diese ihren Kernel und ihr Initramfs haben (oder weiter sind, auf eine Konfiguration warten oder fehlgeschlagen sind) oder wenn ein Durchgang zu lange dauert.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Machines at a time:</source>
        <translation>&amp;Maschinen gleichzeitig:</translation>
    </message>
    <message>
        <source>Next batch after at &amp;most:</source>
        <translation>Nächster Durchgang nach &amp;höchstens:</translation>
    </message>
    <message>
        <source>&amp;Cancel the rest</source>
        <translation>&amp;Rest abbrechen</translation>
    </message>
</context>
<context>
    <name>Nbc::WakeScheduler</name>
    <message>
        <source>Waking one machine</source>
        <translation>Wecke eine Maschine</translation>
    </message>
    <message numerus="yes">
        <source>Waking %n machines</source>
        <translation>
            <numerusform>Wecke %n Maschine</numerusform>
            <numerusform>Wecke %n Maschinen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: batch %2 of %3, %4 woken</source>
        <translation>%1: Durchgang %2 von %3, %4 geweckt</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %1 of %n machines were sent a packet, %2 woken.</source>
        <translation>
            <numerusform>Abgebrochen: %1 von %n Maschine haben ein Paket erhalten, %2 geweckt.</numerusform>
            <numerusform>Abgebrochen: %1 von %n Maschinen haben ein Paket erhalten, %2 geweckt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 of %n machines were sent a packet (%2 could not be sent), %3 woken.</source>
        <translation>
            <numerusform>Fertig: %1 von %n Maschine haben ein Paket erhalten (%2 konnten nicht gesendet werden), %3 geweckt.</numerusform>
            <numerusform>Fertig: %1 von %n Maschinen haben ein Paket erhalten (%2 konnten nicht gesendet werden), %3 geweckt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 of %n machines woken, in one batch.</source>
        <translation>
            <numerusform>Fertig: %1 von %n Maschine geweckt, in einem Durchgang.</numerusform>
            <numerusform>Fertig: %1 von %n Maschinen geweckt, in einem Durchgang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 of %2 machines woken, in %n batches.</source>
        <translation>
            <numerusform>Fertig: %1 von %2 Maschinen geweckt, in %n Durchgang.</numerusform>
            <numerusform>Fertig: %1 von %2 Maschinen geweckt, in %n Durchgängen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OuiDatabase</name>
    <message>
        <source>simulated / locally administered</source>
        <translation>simuliert / lokal verwaltet</translation>
    </message>
</context>
<context>
    <name>PalletReport</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>PalletReportPdf</name>
    <message>
        <source>Hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>MAC</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Manufacturer / product</source>
        <translation>Hersteller / Produkt</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Joined at</source>
        <translation>Beigetreten um</translation>
    </message>
    <message>
        <source>To join</source>
        <translation>Bis Beitritt</translation>
    </message>
    <message>
        <source>Stalled in %1</source>
        <translation>Hängt in %1</translation>
    </message>
    <message>
        <source>Pallet report</source>
        <translation>Palettenbericht</translation>
    </message>
    <message>
        <source>Workspace %1 · made %2 (%3) by Netboot Console</source>
        <translation>Arbeitsordner %1 · erstellt %2 (%3) von Netboot Console</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Maschinen</translation>
    </message>
    <message>
        <source>Joined the cluster</source>
        <translation>Dem Cluster beigetreten</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Median time to join</source>
        <translation>Median der Zeit bis zum Beitritt</translation>
    </message>
    <message>
        <source>Longest time to join</source>
        <translation>Längste Zeit bis zum Beitritt</translation>
    </message>
    <message>
        <source>First machine seen</source>
        <translation>Erste Maschine gesehen</translation>
    </message>
    <message>
        <source>Last machine joined</source>
        <translation>Letzte Maschine beigetreten</translation>
    </message>
    <message>
        <source>First seen to last joined</source>
        <translation>Von der ersten gesehenen bis zur letzten beigetretenen</translation>
    </message>
    <message>
        <source>Not joined</source>
        <translation>Nicht beigetreten</translation>
    </message>
    <message>
        <source>By stage:</source>
        <translation>Nach Phase:</translation>
    </message>
    <message>
        <source>no machines in the inventory</source>
        <translation>keine Maschinen im Inventar</translation>
    </message>
    <message>
        <source>Pallet report · workspace %1 · %2</source>
        <translation>Palettenbericht · Arbeitsordner %1 · %2</translation>
    </message>
    <message>
        <source>Netboot Console · workspace %1</source>
        <translation>Netboot Console · Arbeitsordner %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Pallet report: %1</source>
        <translation>Palettenbericht: %1</translation>
    </message>
    <message>
        <source>Cannot draw the PDF %1.</source>
        <translation>Das PDF %1 kann nicht gezeichnet werden.</translation>
    </message>
    <message>
        <source>The inventory has no machines yet: they appear once they network-boot.</source>
        <translation>Das Inventar hat noch keine Maschinen: sie erscheinen, sobald sie übers Netz booten.</translation>
    </message>
</context>
<context>
    <name>PiFolderCommand</name>
    <message numerus="yes">
        <source>%n Raspberry Pis</source>
        <translation>
            <numerusform>%n Raspberry Pi</numerusform>
            <numerusform>%n Raspberry Pis</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the Pi boot folder of %1</source>
        <translation>Pi-Bootordner von %1 entfernen</translation>
    </message>
    <message>
        <source>Pi boot folder %1 for %2</source>
        <translation>Pi-Bootordner %1 für %2</translation>
    </message>
</context>
<context>
    <name>PortOwner</name>
    <message>
        <source>TCP port %1</source>
        <translation>TCP-Port %1</translation>
    </message>
    <message>
        <source>UDP port %1</source>
        <translation>UDP-Port %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 is held by this console itself.</source>
        <translation>%1 ist von dieser Konsole selbst belegt.</translation>
    </message>
    <message>
        <source>%1 is held by a program this user cannot see: run the doctor as root to name it, or find it with: sudo ss -%2lpn &apos;sport = :%3&apos;</source>
        <translation>%1 ist von einem Programm belegt, das dieser Benutzer nicht sehen kann: starten Sie die Diagnose als root, um es zu benennen, oder finden Sie es mit: sudo ss -%2lpn &apos;sport = :%3&apos;</translation>
    </message>
    <message>
        <source>%1 is held by %2 (pid %3): stop it (or its service) before the console starts, or choose another port.</source>
        <translation>%1 ist von %2 (PID %3) belegt: beenden Sie es (oder seinen Dienst), bevor die Konsole startet, oder wählen Sie einen anderen Port.</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>ein Programm</translation>
    </message>
</context>
<context>
    <name>RuleNumbers</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 was not readable and was moved to %2; rule numbers start again.</source>
        <translation>%1 war nicht lesbar und wurde nach %2 verschoben; die Regelnummern beginnen von vorn.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RulesCommand</name>
    <message>
        <source>Add rule %1</source>
        <translation>Regel %1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove rule %1</source>
        <translation>Regel %1 entfernen</translation>
    </message>
    <message>
        <source>Edit rules</source>
        <translation>Regeln bearbeiten</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>cannot copy %1 into %2: check the free space and the folder&apos;s permissions</source>
        <translation>kann %1 nicht nach %2 kopieren: prüfen Sie den freien Platz und die Berechtigungen des Ordners</translation>
    </message>
    <message>
        <source>cannot write %1: check the folder&apos;s permissions</source>
        <translation>kann %1 nicht schreiben: prüfen Sie die Berechtigungen des Ordners</translation>
    </message>
    <message>
        <source>cannot create %1: check the workspace folder&apos;s permissions</source>
        <translation>kann %1 nicht anlegen: prüfen Sie die Berechtigungen des Arbeitsordners</translation>
    </message>
    <message>
        <source>netboot.yaml has an error and is not overwritten: %1</source>
        <translation>netboot.yaml enthält einen Fehler und wird nicht überschrieben: %1</translation>
    </message>
</context>
<context>
    <name>SetupExport</name>
    <message>
        <source>The entry for serial “%1” is left out: a serial with other characters than letters, digits, spaces, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; cannot be matched by a file name.</source>
        <translation>Der Eintrag für die Seriennummer „%1“ wird ausgelassen: eine Seriennummer mit anderen Zeichen als Buchstaben, Ziffern, Leerzeichen, „.“, „_“ und „-“ lässt sich nicht über einen Dateinamen zuordnen.</translation>
    </message>
    <message>
        <source>The artefact set “%1” names %2, which is not there.</source>
        <translation>Der Artefaktsatz „%1“ nennt %2, das nicht vorhanden ist.</translation>
    </message>
    <message>
        <source>The iPXE binary %1 is not on this computer: put %2 into tftp/ yourself.</source>
        <translation>Die iPXE-Binärdatei %1 ist auf diesem Computer nicht vorhanden: legen Sie %2 selbst in tftp/ ab.</translation>
    </message>
    <message>
        <source>%1 cannot be read as a machine config.</source>
        <translation>%1 kann nicht als Maschinenkonfiguration gelesen werden.</translation>
    </message>
    <message>
        <source>The patch %1 cannot be read.</source>
        <translation>Der Patch %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The export needs the IPv4 address the machines reach the server on: set network: serverAddress in netboot.yaml, or export where interface %1 is up.</source>
        <translation>Der Export braucht die IPv4-Adresse, unter der die Maschinen den Server erreichen: setzen Sie network: serverAddress in netboot.yaml oder exportieren Sie dort, wo die Schnittstelle %1 aktiv ist.</translation>
    </message>
    <message>
        <source>(none named)</source>
        <translation>(keine genannt)</translation>
    </message>
    <message>
        <source>The workspace names no network interface for dnsmasq to serve on: set network: interface in netboot.yaml or give --interface NAME.</source>
        <translation>Der Arbeitsordner nennt keine Netzwerkschnittstelle, auf der dnsmasq arbeiten soll: setzen Sie network: interface in netboot.yaml oder geben Sie --interface NAME an.</translation>
    </message>
    <message>
        <source>Full DHCP mode needs network: dhcpRange in netboot.yaml (e.g. 10.77.0.100-10.77.0.199).</source>
        <translation>Der volle DHCP-Modus braucht network: dhcpRange in netboot.yaml (z. B. 10.77.0.100-10.77.0.199).</translation>
    </message>
    <message>
        <source>The workspace has no artefact set (Talos kernel and initramfs): there is nothing to boot.</source>
        <translation>Der Arbeitsordner hat keinen Artefaktsatz (Talos-Kernel und -Initramfs): es gibt nichts zu booten.</translation>
    </message>
    <message>
        <source>Rule “%1” matches no machine the console has seen: it is not in this export.</source>
        <translation>Regel „%1“ passt auf keine Maschine, die die Konsole gesehen hat: sie ist nicht in diesem Export.</translation>
    </message>
    <message>
        <source>%1 has no artefact set to boot (“%2” is not in the workspace).</source>
        <translation>%1 hat keinen Artefaktsatz zum Booten („%2“ ist nicht im Arbeitsordner).</translation>
    </message>
    <message>
        <source>The config of %1 cannot be exported: %2</source>
        <translation>Die Konfiguration von %1 kann nicht exportiert werden: %2</translation>
    </message>
    <message>
        <source>%1 is installed: Matchbox has no group for it, so it gets no answer and goes on to its next boot device.</source>
        <translation>%1 ist installiert: Matchbox hat keine Gruppe für sie, daher erhält sie keine Antwort und macht mit ihrem nächsten Boot-Gerät weiter.</translation>
    </message>
    <message>
        <source>%1 is not there</source>
        <translation>%1 ist nicht vorhanden</translation>
    </message>
    <message>
        <source>%1 cannot be copied</source>
        <translation>%1 kann nicht kopiert werden</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>%1 is not empty: choose an empty or new folder, so the export&apos;s files are not mixed with others.</source>
        <translation>%1 ist nicht leer: wählen Sie einen leeren oder neuen Ordner, damit die Dateien des Exports nicht mit anderen vermischt werden.</translation>
    </message>
    <message>
        <source>The export refused the name “%1”: it would be written outside the folder.</source>
        <translation>Der Export hat den Namen „%1“ abgelehnt: er würde außerhalb des Ordners geschrieben.</translation>
    </message>
    <message>
        <source>%1 cannot be made: choose a folder you may write to.</source>
        <translation>%1 kann nicht angelegt werden: wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>The export refused to write %1: a symbolic link in the folder leads there.</source>
        <translation>Der Export hat sich geweigert, %1 zu schreiben: ein symbolischer Link im Ordner führt dorthin.</translation>
    </message>
    <message>
        <source>The folder for %1 cannot be made: %2</source>
        <translation>Der Ordner für %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>%1 was not written: %2</source>
        <translation>%1 wurde nicht geschrieben: %2</translation>
    </message>
</context>
<context>
    <name>SetupImport</name>
    <message>
        <source>%1 is outside the import folder and is not read; %2 of the import folder is used in its place</source>
        <translation>%1 liegt außerhalb des Importordners und wird nicht gelesen; stattdessen wird %2 des Importordners verwendet</translation>
    </message>
    <message>
        <source>%1 is outside the import folder: not read (copy it into the folder and import again)</source>
        <translation>%1 liegt außerhalb des Importordners: nicht gelesen (kopieren Sie es in den Ordner und importieren Sie erneut)</translation>
    </message>
    <message>
        <source>%1 is a link to a place outside the import folder: not read</source>
        <translation>%1 ist ein Link an einen Ort außerhalb des Importordners: nicht gelesen</translation>
    </message>
    <message>
        <source>iPXE is sent to %1 already (%2:%3); the console gives every iPXE one entry script</source>
        <translation>iPXE wird bereits an %1 geschickt (%2:%3); die Konsole gibt jedem iPXE ein einziges Einstiegsskript</translation>
    </message>
    <message>
        <source>not for x86 firmware: the console boots BIOS and UEFI x86-64 machines</source>
        <translation>nicht für x86-Firmware: die Konsole bootet BIOS- und UEFI-x86-64-Maschinen</translation>
    </message>
    <message>
        <source>%1 is not in the TFTP root %2: the workspace keeps its own iPXE binary</source>
        <translation>%1 liegt nicht im TFTP-Wurzelordner %2: der Arbeitsordner behält seine eigene iPXE-Binärdatei</translation>
    </message>
    <message>
        <source>cannot tell whether %1 is for BIOS or UEFI firmware: not taken</source>
        <translation>es lässt sich nicht erkennen, ob %1 für BIOS- oder UEFI-Firmware ist: nicht übernommen</translation>
    </message>
    <message>
        <source>%1 has an iPXE script built in: if it names the old server, use the iPXE the system ships instead</source>
        <translation>%1 hat ein eingebautes iPXE-Skript: nennt es den alten Server, verwenden Sie stattdessen das iPXE des Systems</translation>
    </message>
    <message>
        <source>%1 firmware gets %2 already; the console has one iPXE binary per firmware</source>
        <translation>%1-Firmware erhält bereits %2; die Konsole hat eine iPXE-Binärdatei je Firmware</translation>
    </message>
    <message>
        <source>no dhcp-boot or pxe-service line sends iPXE (user class iPXE, option 175) to a script: no machines, kernel or configs could be found</source>
        <translation>keine dhcp-boot- oder pxe-service-Zeile schickt iPXE (User-Class iPXE, Option 175) zu einem Skript: es wurden keine Maschinen, kein Kernel und keine Konfigurationen gefunden</translation>
    </message>
    <message>
        <source>the script %1 is not in the import folder: copy the web server&apos;s folder next to dnsmasq.conf and import again</source>
        <translation>das Skript %1 liegt nicht im Importordner: kopieren Sie den Ordner des Webservers neben dnsmasq.conf und importieren Sie erneut</translation>
    </message>
    <message>
        <source>a quote is not closed: line skipped</source>
        <translation>ein Anführungszeichen ist nicht geschlossen: Zeile übersprungen</translation>
    </message>
    <message>
        <source>the console never shows a PXE menu: firmware is answered by its architecture at once</source>
        <translation>die Konsole zeigt nie ein PXE-Menü: Firmware wird sofort nach ihrer Architektur beantwortet</translation>
    </message>
    <message>
        <source>the console runs no scripts on leases</source>
        <translation>die Konsole führt bei Leases keine Skripte aus</translation>
    </message>
    <message>
        <source>the console answers every PXE client; unknown machines wait in iPXE</source>
        <translation>die Konsole antwortet jedem PXE-Client; unbekannte Maschinen warten in iPXE</translation>
    </message>
    <message>
        <source>the console sends its own DHCP options</source>
        <translation>die Konsole sendet ihre eigenen DHCP-Optionen</translation>
    </message>
    <message>
        <source>the console serves no DNS</source>
        <translation>die Konsole bietet kein DNS an</translation>
    </message>
    <message>
        <source>not needed by the console</source>
        <translation>von der Konsole nicht benötigt</translation>
    </message>
    <message>
        <source>the console serves one interface: %1 is taken, %2 is not</source>
        <translation>die Konsole arbeitet auf einer Schnittstelle: %1 wird übernommen, %2 nicht</translation>
    </message>
    <message>
        <source>dhcp-boot names no file</source>
        <translation>dhcp-boot nennt keine Datei</translation>
    </message>
    <message>
        <source>the TFTP server named here is not carried over: the console is its own TFTP server</source>
        <translation>der hier genannte TFTP-Server wird nicht übernommen: die Konsole ist ihr eigener TFTP-Server</translation>
    </message>
    <message>
        <source>a PXE menu entry without a boot file: nothing to take</source>
        <translation>ein PXE-Menüeintrag ohne Boot-Datei: nichts zu übernehmen</translation>
    </message>
    <message>
        <source>pxe-service needs an architecture, a menu text and a file</source>
        <translation>pxe-service braucht eine Architektur, einen Menütext und eine Datei</translation>
    </message>
    <message>
        <source>boot from the local disk is decided by the console (afterInstall)</source>
        <translation>das Booten von der lokalen Platte entscheidet die Konsole (afterInstall)</translation>
    </message>
    <message>
        <source>PXE boot service types are not carried over</source>
        <translation>PXE-Boot-Diensttypen werden nicht übernommen</translation>
    </message>
    <message>
        <source>one TFTP root for every interface is used: %1</source>
        <translation>ein TFTP-Wurzelordner für alle Schnittstellen wird verwendet: %1</translation>
    </message>
    <message>
        <source>the TFTP root %1 is not a folder in the import folder</source>
        <translation>der TFTP-Wurzelordner %1 ist kein Ordner im Importordner</translation>
    </message>
    <message>
        <source>%1 is not in the import folder</source>
        <translation>%1 liegt nicht im Importordner</translation>
    </message>
    <message>
        <source>%1 is not a folder in the import folder</source>
        <translation>%1 ist kein Ordner im Importordner</translation>
    </message>
    <message>
        <source>PXE discovery control: the console never offers multicast discovery</source>
        <translation>PXE-Discovery-Control: die Konsole bietet nie Multicast-Discovery an</translation>
    </message>
    <message>
        <source>the console&apos;s full DHCP mode offers no router: the network is isolated</source>
        <translation>der volle DHCP-Modus der Konsole bietet keinen Router an: das Netz ist isoliert</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the options the import reads: left out</source>
        <translation>„%1“ gehört nicht zu den Optionen, die der Import liest: ausgelassen</translation>
    </message>
    <message>
        <source>only for machines tagged &apos;%1&apos;: the console gives every machine the same boot files</source>
        <translation>nur für Maschinen mit dem Tag „%1“: die Konsole gibt jeder Maschine dieselben Boot-Dateien</translation>
    </message>
    <message>
        <source>only http:// and tftp:// scripts are read</source>
        <translation>nur http://- und tftp://-Skripte werden gelesen</translation>
    </message>
    <message>
        <source>IPv6 ranges are not carried over: the console boots over IPv4</source>
        <translation>IPv6-Bereiche werden nicht übernommen: die Konsole bootet über IPv4</translation>
    </message>
    <message>
        <source>a dhcp-range the import does not read</source>
        <translation>ein dhcp-range, den der Import nicht liest</translation>
    </message>
    <message>
        <source>the console serves one range: the first dhcp-range is taken</source>
        <translation>die Konsole vergibt aus einem Bereich: der erste dhcp-range wird übernommen</translation>
    </message>
    <message>
        <source>a range of fixed addresses only: the console needs a pool, set dhcpRange in netboot.yaml</source>
        <translation>ein Bereich nur fester Adressen: die Konsole braucht einen Pool, setzen Sie dhcpRange in netboot.yaml</translation>
    </message>
    <message>
        <source>a tag definition the import does not read</source>
        <translation>eine Tag-Definition, die der Import nicht liest</translation>
    </message>
    <message>
        <source>the console tells iPXE and the firmware types apart itself</source>
        <translation>die Konsole unterscheidet iPXE und die Firmware-Arten selbst</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; is set on a condition the console does not use</source>
        <translation>Tag „%1“ wird unter einer Bedingung gesetzt, die die Konsole nicht verwendet</translation>
    </message>
    <message>
        <source>machines are named by their MAC in the console, not by client id</source>
        <translation>Maschinen werden in der Konsole über ihre MAC benannt, nicht über die Client-ID</translation>
    </message>
    <message>
        <source>a MAC pattern: write a rule with macPrefix in netboot.yaml for these machines</source>
        <translation>ein MAC-Muster: schreiben Sie für diese Maschinen eine Regel mit macPrefix in netboot.yaml</translation>
    </message>
    <message>
        <source>the fixed address %1 is not carried over: the console&apos;s pool gives addresses</source>
        <translation>die feste Adresse %1 wird nicht übernommen: der Pool der Konsole vergibt die Adressen</translation>
    </message>
    <message>
        <source>the console answers every PXE client; a machine with no config waits in iPXE</source>
        <translation>die Konsole antwortet jedem PXE-Client; eine Maschine ohne Konfiguration wartet in iPXE</translation>
    </message>
    <message>
        <source>a dhcp-host without a MAC address</source>
        <translation>ein dhcp-host ohne MAC-Adresse</translation>
    </message>
    <message>
        <source>cannot be read: check its permissions</source>
        <translation>kann nicht gelesen werden: prüfen Sie die Berechtigungen</translation>
    </message>
    <message>
        <source>too large for a text file of this kind: not read</source>
        <translation>zu groß für eine Textdatei dieser Art: nicht gelesen</translation>
    </message>
    <message>
        <source>%1 leads out of the server&apos;s root: not read</source>
        <translation>%1 führt aus dem Wurzelordner des Servers heraus: nicht gelesen</translation>
    </message>
    <message>
        <source>%1: only one of ${mac}, ${mac:hexhyp}, ${mac:hexraw}, ${uuid}, ${serial} or ${hostname} in the file name is understood</source>
        <translation>%1: im Dateinamen wird nur eines von ${mac}, ${mac:hexhyp}, ${mac:hexraw}, ${uuid}, ${serial} oder ${hostname} verstanden</translation>
    </message>
    <message>
        <source>the folder %1 is not in the import folder</source>
        <translation>der Ordner %1 liegt nicht im Importordner</translation>
    </message>
    <message>
        <source>not an iPXE script (it does not start with #!ipxe): not read</source>
        <translation>kein iPXE-Skript (es beginnt nicht mit #!ipxe): nicht gelesen</translation>
    </message>
    <message>
        <source>booting from disk is decided by the console (afterInstall)</source>
        <translation>das Booten von der Platte entscheidet die Konsole (afterInstall)</translation>
    </message>
    <message>
        <source>iPXE menus are not carried over: each machine boots what it is assigned</source>
        <translation>iPXE-Menüs werden nicht übernommen: jede Maschine bootet, was ihr zugewiesen ist</translation>
    </message>
    <message>
        <source>iPXE form parameters are not carried over</source>
        <translation>iPXE-Formularparameter werden nicht übernommen</translation>
    </message>
    <message>
        <source>%1 without an image</source>
        <translation>%1 ohne Image</translation>
    </message>
    <message>
        <source>a kernel whose name depends on the machine: not taken</source>
        <translation>ein Kernel, dessen Name von der Maschine abhängt: nicht übernommen</translation>
    </message>
    <message>
        <source>%1: the console sends the kernel log to its own log sink</source>
        <translation>%1: die Konsole schickt das Kernel-Log an ihren eigenen Log-Empfänger</translation>
    </message>
    <message>
        <source>%1 differs per machine: left out of the kernel arguments</source>
        <translation>%1 unterscheidet sich je Maschine: aus den Kernel-Argumenten ausgelassen</translation>
    </message>
    <message>
        <source>this kernel line has no talos.config=: the machines booting it get no config from the seed</source>
        <translation>diese Kernel-Zeile hat kein talos.config=: die damit bootenden Maschinen erhalten keine Konfiguration aus der Vorlage</translation>
    </message>
    <message>
        <source>the config %1 is not in the import folder</source>
        <translation>die Konfiguration %1 liegt nicht im Importordner</translation>
    </message>
    <message>
        <source>an initrd before any kernel</source>
        <translation>ein initrd vor jedem Kernel</translation>
    </message>
    <message>
        <source>a second initrd: the console serves one initramfs</source>
        <translation>ein zweites initrd: die Konsole liefert ein Initramfs aus</translation>
    </message>
    <message>
        <source>per-machine scripts are read by MAC address only</source>
        <translation>maschinenspezifische Skripte werden nur nach MAC-Adresse gelesen</translation>
    </message>
    <message>
        <source>the iPXE command &apos;%1&apos; is not one the import reads: left out</source>
        <translation>den iPXE-Befehl „%1“ liest der Import nicht: ausgelassen</translation>
    </message>
    <message>
        <source>never reached: every machine gets the config named before it</source>
        <translation>nie erreicht: jede Maschine erhält die davor genannte Konfiguration</translation>
    </message>
    <message>
        <source>named for %1, but the seed&apos;s script asks for %2: imported, not assigned</source>
        <translation>nach %1 benannt, aber das Skript der Vorlage fragt nach %2: importiert, nicht zugewiesen</translation>
    </message>
    <message>
        <source>a link to a place outside the import folder: not read</source>
        <translation>ein Link an einen Ort außerhalb des Importordners: nicht gelesen</translation>
    </message>
    <message>
        <source>its own script %1</source>
        <translation>ihr eigenes Skript %1</translation>
    </message>
    <message>
        <source>file name %1</source>
        <translation>Dateiname %1</translation>
    </message>
    <message>
        <source>dhcp-host name %1 and file name %2</source>
        <translation>dhcp-host-Name %1 und Dateiname %2</translation>
    </message>
    <message>
        <source>%1: no dhcp-host line names these hosts; imported, not assigned</source>
        <translation>%1: keine dhcp-host-Zeile nennt diese Hosts; importiert, nicht zugewiesen</translation>
    </message>
    <message>
        <source>%1 (%2): the seed gives it no config file; it waits in iPXE until one is assigned</source>
        <translation>%1 (%2): die Vorlage gibt ihr keine Konfigurationsdatei; sie wartet in iPXE, bis ihr eine zugewiesen wird</translation>
    </message>
    <message>
        <source>another kernel or other arguments than %1:%2: the console boots every machine with one artefact set</source>
        <translation>ein anderer Kernel oder andere Argumente als %1:%2: die Konsole bootet jede Maschine mit einem Artefaktsatz</translation>
    </message>
    <message>
        <source>admin credentials in the web server&apos;s folder: anyone who can reach that server can fetch them. Not imported; keep it with talosctl and remove it there</source>
        <translation>Administrator-Zugangsdaten im Ordner des Webservers: jeder, der diesen Server erreicht, kann sie abrufen. Nicht importiert; bewahren Sie sie bei talosctl auf und entfernen Sie sie dort</translation>
    </message>
    <message>
        <source>cannot be read, or larger than a machine config can be</source>
        <translation>nicht lesbar oder größer, als eine Maschinenkonfiguration sein kann</translation>
    </message>
    <message>
        <source>Talos would refuse this config: %1</source>
        <translation>Talos würde diese Konfiguration ablehnen: %1</translation>
    </message>
    <message>
        <source>%1 is not assigned: its config is not imported</source>
        <translation>%1 ist nicht zugewiesen: ihre Konfiguration wird nicht importiert</translation>
    </message>
    <message>
        <source>dhcp-host names %1 %2, its config says %3: the config&apos;s name is kept, as Talos did</source>
        <translation>dhcp-host nennt %1 %2, ihre Konfiguration sagt %3: der Name der Konfiguration bleibt, wie bei Talos</translation>
    </message>
    <message>
        <source>the config every other machine got is not imported: they wait until one is assigned</source>
        <translation>die Konfiguration, die jede andere Maschine erhielt, wird nicht importiert: sie warten, bis ihnen eine zugewiesen wird</translation>
    </message>
    <message>
        <source>the seed&apos;s kernel line leaves out %1, which the console adds for Talos %2 as Talos&apos;s own imager does; write -name in the set&apos;s extra arguments to leave one out</source>
        <translation>die Kernel-Zeile der Vorlage lässt %1 aus, das die Konsole für Talos %2 ergänzt, wie es Talos&apos; eigener Imager tut; schreiben Sie -name in die zusätzlichen Argumente des Satzes, um eines auszulassen</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(Version unbekannt)</translation>
    </message>
    <message>
        <source>cannot read %1: check its permissions</source>
        <translation>kann %1 nicht lesen: prüfen Sie die Berechtigungen</translation>
    </message>
    <message>
        <source>cannot write %1: check the free space and the folder&apos;s permissions</source>
        <translation>kann %1 nicht schreiben: prüfen Sie den freien Platz und die Berechtigungen des Ordners</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>nicht benötigt</translation>
    </message>
    <message>
        <source>not carried over</source>
        <translation>nicht übernommen</translation>
    </message>
    <message>
        <source>not understood</source>
        <translation>nicht verstanden</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>%1 holds no dnsmasq.conf (nor a .conf file with dhcp-range, dhcp-boot or pxe-service): choose the folder of the seed&apos;s setup</source>
        <translation>%1 enthält keine dnsmasq.conf (und keine .conf-Datei mit dhcp-range, dhcp-boot oder pxe-service): wählen Sie den Ordner der Vorlage</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>its netboot.yaml does not parse (%1)</source>
        <translation>seine netboot.yaml lässt sich nicht lesen (%1)</translation>
    </message>
    <message>
        <source>netboot.yaml has machine entries</source>
        <translation>netboot.yaml hat Maschineneinträge</translation>
    </message>
    <message>
        <source>netboot.yaml has rules</source>
        <translation>netboot.yaml hat Regeln</translation>
    </message>
    <message>
        <source>netboot.yaml has artefact sets</source>
        <translation>netboot.yaml hat Artefaktsätze</translation>
    </message>
    <message>
        <source>netboot.yaml names an interface</source>
        <translation>netboot.yaml nennt eine Schnittstelle</translation>
    </message>
    <message>
        <source>%1/ holds files</source>
        <translation>%1/ enthält Dateien</translation>
    </message>
    <message>
        <source>the setup holds nothing the console can take</source>
        <translation>die Vorlage enthält nichts, was die Konsole übernehmen kann</translation>
    </message>
    <message>
        <source>the workspace %1 is not empty (%2): import into an empty workspace, or replace what it has</source>
        <translation>der Arbeitsordner %1 ist nicht leer (%2): importieren Sie in einen leeren Arbeitsordner oder ersetzen Sie seinen Inhalt</translation>
    </message>
    <message>
        <source>netboot.yaml has an error and is not overwritten: %1</source>
        <translation>netboot.yaml enthält einen Fehler und wird nicht überschrieben: %1</translation>
    </message>
    <message>
        <source>%1 already exists with other contents: replace it, or rename it first</source>
        <translation>%1 existiert bereits mit anderem Inhalt: ersetzen Sie es oder benennen Sie es zuerst um</translation>
    </message>
    <message>
        <source>%1 changed since it was read and is no longer a config Talos accepts: read the setup again</source>
        <translation>%1 hat sich seit dem Lesen geändert und ist keine Konfiguration mehr, die Talos akzeptiert: lesen Sie die Vorlage erneut</translation>
    </message>
    <message>
        <source>the seed&apos;s kernel and initramfs are not taken: %1</source>
        <translation>Kernel und Initramfs der Vorlage werden nicht übernommen: %1</translation>
    </message>
    <message>
        <source>only one of the kernel and the initramfs was found: no artefact set is written</source>
        <translation>nur Kernel oder Initramfs wurde gefunden: es wird kein Artefaktsatz geschrieben</translation>
    </message>
</context>
<context>
    <name>StageStyle</name>
    <message>
        <source>Its firmware asked for a network boot.</source>
        <translation>Ihre Firmware hat nach einem Netzwerk-Boot gefragt.</translation>
    </message>
    <message>
        <source>Downloading the iPXE boot loader.</source>
        <translation>Lädt den iPXE-Bootloader herunter.</translation>
    </message>
    <message>
        <source>iPXE is running and fetched its script.</source>
        <translation>iPXE läuft und hat sein Skript geholt.</translation>
    </message>
    <message>
        <source>No config assigned: drag one onto the machine.</source>
        <translation>Keine Konfiguration zugewiesen: ziehen Sie eine auf die Maschine.</translation>
    </message>
    <message>
        <source>Downloading the Talos kernel and initramfs.</source>
        <translation>Lädt Talos-Kernel und -Initramfs herunter.</translation>
    </message>
    <message>
        <source>Talos fetched its machine config.</source>
        <translation>Talos hat seine Maschinenkonfiguration geholt.</translation>
    </message>
    <message>
        <source>Talos is installing to disk.</source>
        <translation>Talos installiert auf die Platte.</translation>
    </message>
    <message>
        <source>Talos is running and ready.</source>
        <translation>Talos läuft und ist bereit.</translation>
    </message>
    <message>
        <source>Installed: it boots from its disk.</source>
        <translation>Installiert: sie bootet von ihrer Platte.</translation>
    </message>
    <message>
        <source>No progress for a while: see the hint.</source>
        <translation>Seit einer Weile kein Fortschritt: siehe Hinweis.</translation>
    </message>
    <message>
        <source>Failed: see the hint for what to do.</source>
        <translation>Fehlgeschlagen: der Hinweis sagt, was zu tun ist.</translation>
    </message>
    <message>
        <source>Discovered</source>
        <comment>stage</comment>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>Loading iPXE</source>
        <comment>stage</comment>
        <translation>Lädt iPXE</translation>
    </message>
    <message>
        <source>iPXE</source>
        <comment>stage</comment>
        <translation>iPXE</translation>
    </message>
    <message>
        <source>Waiting for config</source>
        <comment>stage</comment>
        <translation>Wartet auf Konfiguration</translation>
    </message>
    <message>
        <source>Kernel</source>
        <comment>stage</comment>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Config</source>
        <comment>stage</comment>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Installing</source>
        <comment>stage</comment>
        <translation>Installation</translation>
    </message>
    <message>
        <source>Joined</source>
        <comment>stage</comment>
        <translation>Beigetreten</translation>
    </message>
    <message>
        <source>Installed</source>
        <comment>stage</comment>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Stalled</source>
        <comment>stage</comment>
        <translation>Hängt</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>stage</comment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Firmware files</source>
        <comment>stage</comment>
        <translation>Firmwaredateien</translation>
    </message>
    <message>
        <source>A Raspberry Pi is downloading its boot files (start4.elf, config.txt …).</source>
        <translation>Ein Raspberry Pi lädt seine Bootdateien herunter (start4.elf, config.txt …).</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>&apos;%1&apos; must be a single value</source>
        <translation>„%1“ muss ein einzelner Wert sein</translation>
    </message>
    <message>
        <source>&apos;patches&apos; must be a list of patch files, like [patches/disk.yaml]</source>
        <translation>„patches“ muss eine Liste von Patch-Dateien sein, etwa [patches/disk.yaml]</translation>
    </message>
    <message>
        <source>each patch must be a file path</source>
        <translation>jeder Patch muss ein Dateipfad sein</translation>
    </message>
    <message>
        <source>port &apos;%1&apos; must be a number from 0 to 65535, not &apos;%2&apos;</source>
        <translation>Port „%1“ muss eine Zahl von 0 bis 65535 sein, nicht „%2“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be one of %2, not &apos;%3&apos;</source>
        <translation>„%1“ muss eines von %2 sein, nicht „%3“</translation>
    </message>
    <message>
        <source>cannot create the workspace folder; check its parent&apos;s permissions</source>
        <translation>kann den Arbeitsordner nicht anlegen; prüfen Sie die Berechtigungen des übergeordneten Ordners</translation>
    </message>
    <message>
        <source>cannot be read (%1); it was left untouched</source>
        <translation>kann nicht gelesen werden (%1); sie wurde nicht angetastet</translation>
    </message>
    <message>
        <source>cannot be read (%1)</source>
        <translation>kann nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>the file must be a mapping of settings (network:, ports:, machines: ...)</source>
        <translation>die Datei muss eine Zuordnung von Einstellungen sein (network:, ports:, machines: ...)</translation>
    </message>
    <message>
        <source>&apos;network&apos; must be a mapping</source>
        <translation>„network“ muss eine Zuordnung sein</translation>
    </message>
    <message>
        <source>serverAddress &apos;%1&apos; is not an IPv4 address</source>
        <translation>serverAddress „%1“ ist keine IPv4-Adresse</translation>
    </message>
    <message>
        <source>dhcpRange: %1</source>
        <translation>dhcpRange: %1</translation>
    </message>
    <message>
        <source>rogueProbeSeconds &apos;%1&apos; must be a number of seconds from 0 (never probe) to 86400</source>
        <translation>rogueProbeSeconds „%1“ muss eine Anzahl Sekunden von 0 (nie prüfen) bis 86400 sein</translation>
    </message>
    <message>
        <source>&apos;ports&apos; must be a mapping like {dhcp: 67, proxy: 4011, tftp: 69, http: 8080, logs: 4050}</source>
        <translation>„ports“ muss eine Zuordnung sein wie {dhcp: 67, proxy: 4011, tftp: 69, http: 8080, logs: 4050}</translation>
    </message>
    <message>
        <source>&apos;limits&apos; must be a mapping like {maxMachines: 10000}</source>
        <translation>„limits“ muss eine Zuordnung sein wie {maxMachines: 10000}</translation>
    </message>
    <message>
        <source>limits: maxMachines &apos;%1&apos; must be a number from 1 to 1000000</source>
        <translation>limits: maxMachines „%1“ muss eine Zahl von 1 bis 1000000 sein</translation>
    </message>
    <message>
        <source>&apos;ipxe&apos; must be a mapping {bios: PATH, uefi: PATH}</source>
        <translation>„ipxe“ muss eine Zuordnung {bios: PATH, uefi: PATH} sein</translation>
    </message>
    <message>
        <source>&apos;artifacts&apos; must be a mapping of named artefact sets</source>
        <translation>„artifacts“ muss eine Zuordnung benannter Artefaktsätze sein</translation>
    </message>
    <message>
        <source>artefact set &apos;%1&apos; must be a mapping with kernel: and initramfs:</source>
        <translation>Artefaktsatz „%1“ muss eine Zuordnung mit kernel: und initramfs: sein</translation>
    </message>
    <message>
        <source>artefact set &apos;%1&apos;: arch &apos;%2&apos; is not one Talos is built for: use amd64 or arm64</source>
        <translation>Artefaktsatz „%1“: Architektur „%2“ ist keine, für die Talos gebaut wird: verwenden Sie amd64 oder arm64</translation>
    </message>
    <message>
        <source>artefact set &apos;%1&apos; needs both kernel: and initramfs:</source>
        <translation>Artefaktsatz „%1“ braucht sowohl kernel: als auch initramfs:</translation>
    </message>
    <message>
        <source>&apos;machines&apos; must be a list of entries starting with &apos;- mac:&apos;</source>
        <translation>„machines“ muss eine Liste von Einträgen sein, die mit „- mac:“ beginnen</translation>
    </message>
    <message>
        <source>each machine must be a mapping with at least &apos;mac:&apos;</source>
        <translation>jede Maschine muss eine Zuordnung mit mindestens „mac:“ sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address (write it like 52:54:00:12:34:56)</source>
        <translation>„%1“ ist keine MAC-Adresse (schreiben Sie sie wie 52:54:00:12:34:56)</translation>
    </message>
    <message>
        <source>each machine needs &apos;mac:&apos;, &apos;uuid:&apos; or &apos;serial:&apos;</source>
        <translation>jede Maschine braucht „mac:“, „uuid:“ oder „serial:“</translation>
    </message>
    <message>
        <source>uuid &apos;%1&apos; is not an SMBIOS UUID (write it like 4c4c4544-0042-3510-8050-b4c04f4e4a31)</source>
        <translation>uuid „%1“ ist keine SMBIOS-UUID (schreiben Sie sie wie 4c4c4544-0042-3510-8050-b4c04f4e4a31)</translation>
    </message>
    <message>
        <source>serial &apos;%1&apos; identifies no machine (vendors leave it in many boards)</source>
        <translation>serial „%1“ identifiziert keine Maschine (Hersteller lassen sie auf vielen Boards stehen)</translation>
    </message>
    <message>
        <source>machine %1 is listed twice</source>
        <translation>Maschine %1 ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>&apos;rules&apos; must be a list of entries starting with &apos;- name:&apos;</source>
        <translation>„rules“ muss eine Liste von Einträgen sein, die mit „- name:“ beginnen</translation>
    </message>
    <message>
        <source>each rule must be a mapping with name:, match: and config:</source>
        <translation>jede Regel muss eine Zuordnung mit name:, match: und config: sein</translation>
    </message>
    <message>
        <source>a rule needs a name (name: optiplex-workers)</source>
        <translation>eine Regel braucht einen Namen (name: optiplex-workers)</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos; is listed twice</source>
        <translation>Regel „%1“ ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;: &apos;match&apos; must be a mapping like {macPrefix: &quot;52:54:00&quot;, firmware: uefi}</source>
        <translation>Regel „%1“: „match“ muss eine Zuordnung sein wie {macPrefix: &quot;52:54:00&quot;, firmware: uefi}</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;: unknown match key &apos;%2&apos; (use %3)</source>
        <translation>Regel „%1“: unbekannter match-Schlüssel „%2“ (verwenden Sie %3)</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;: firmware &apos;%2&apos; must be bios or uefi</source>
        <translation>Regel „%1“: firmware „%2“ muss bios oder uefi sein</translation>
    </message>
    <message>
        <source>defaultArtifacts names &apos;%1&apos;, which is not under artifacts:</source>
        <translation>defaultArtifacts nennt „%1“, das nicht unter artifacts: steht</translation>
    </message>
    <message>
        <source>netboot.yaml has an error and is not overwritten: %1</source>
        <translation>netboot.yaml enthält einen Fehler und wird nicht überschrieben: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>&apos;piBoot&apos; must be a mapping like {folder: pi/}</source>
        <translation>&apos;piBoot&apos; muss eine Zuordnung wie {folder: pi/} sein</translation>
    </message>
    <message>
        <source>piBoot: unknown key &apos;%1&apos; (use folder)</source>
        <translation>piBoot: unbekannter Schlüssel &apos;%1&apos; (verwenden Sie folder)</translation>
    </message>
    <message>
        <source>piFolder &apos;%1&apos;: %2</source>
        <translation>piFolder &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>name a folder inside the piBoot folder, like uefi-rpi4</source>
        <translation>nennen Sie einen Ordner im piBoot-Ordner, etwa uefi-rpi4</translation>
    </message>
    <message>
        <source>name it relative to the piBoot folder, like uefi-rpi4, not as an absolute path</source>
        <translation>nennen Sie ihn relativ zum piBoot-Ordner, etwa uefi-rpi4, nicht als absoluten Pfad</translation>
    </message>
    <message>
        <source>a folder name holds no backslashes or control characters</source>
        <translation>ein Ordnername enthält keine Backslashes und keine Steuerzeichen</translation>
    </message>
    <message>
        <source>it must stay inside the piBoot folder (&apos;..&apos; leads out of it)</source>
        <translation>er muss im piBoot-Ordner bleiben (&apos;..&apos; führt hinaus)</translation>
    </message>
</context>
<context>
    <name>exportreport</name>
    <message>
        <source>there is no workspace folder %1; give the one the machines were booted from with --workspace DIR</source>
        <translation>es gibt keinen Arbeitsordner %1; geben Sie den, von dem die Maschinen gebootet wurden, mit --workspace DIR an</translation>
    </message>
    <message>
        <source>%1 is not a workspace: it has no %2</source>
        <translation>%1 ist kein Arbeitsordner: es fehlt %2</translation>
    </message>
    <message>
        <source>cannot write into %1: choose a folder you may write to</source>
        <translation>kann nicht in %1 schreiben: wählen Sie einen Ordner, in den Sie schreiben dürfen</translation>
    </message>
    <message>
        <source>the inventory of %1 cannot be read: %2</source>
        <translation>das Inventar von %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s): wrote %1 and %2</source>
        <translation>
            <numerusform>%n Maschine: %1 und %2 geschrieben</numerusform>
            <numerusform>%n Maschinen: %1 und %2 geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s): wrote %1</source>
        <translation>
            <numerusform>%n Maschine: %1 geschrieben</numerusform>
            <numerusform>%n Maschinen: %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>report.pdf needs the build with the window (NBC_BUILD_GUI=ON); only inventory.csv was written</source>
        <translation>report.pdf braucht den Build mit Fenster (NBC_BUILD_GUI=ON); nur inventory.csv wurde geschrieben</translation>
    </message>
</context>
<context>
    <name>exportsetup</name>
    <message>
        <source>--export is &apos;dnsmasq-nginx&apos; or &apos;matchbox&apos;, not &apos;%1&apos;</source>
        <translation>--export ist „dnsmasq-nginx“ oder „matchbox“, nicht „%1“</translation>
    </message>
    <message>
        <source>--export takes a format and a folder: --export dnsmasq-nginx|matchbox DIR</source>
        <translation>--export erwartet ein Format und einen Ordner: --export dnsmasq-nginx|matchbox DIR</translation>
    </message>
    <message>
        <source>%1 is not a workspace: it has no %2; give the workspace with --workspace DIR</source>
        <translation>%1 ist kein Arbeitsordner: es fehlt %2; geben Sie den Arbeitsordner mit --workspace DIR an</translation>
    </message>
    <message>
        <source>%1 is not empty: give an empty or new folder (the export never mixes its files with others)</source>
        <translation>%1 ist nicht leer: geben Sie einen leeren oder neuen Ordner an (der Export vermischt seine Dateien nie mit anderen)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written into %1 for %2:</source>
        <translation>
            <numerusform>%n Datei nach %1 für %2 geschrieben:</numerusform>
            <numerusform>%n Dateien nach %1 für %2 geschrieben:</numerusform>
        </translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>%1 says how to start it and who can read the machine configs.</source>
        <translation>%1 beschreibt, wie man es startet und wer die Maschinenkonfigurationen lesen kann.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Network-boot station for Talos Linux: proxy DHCP, TFTP, HTTP and a log receiver.</source>
        <translation>Netzwerk-Boot-Station für Talos Linux: Proxy-DHCP, TFTP, HTTP und ein Log-Empfänger.</translation>
    </message>
    <message>
        <source>Engines only, no window; events as JSON lines on stdout.</source>
        <translation>Nur die Dienste, kein Fenster; Ereignisse als JSON-Zeilen auf stdout.</translation>
    </message>
    <message>
        <source>Drive the console with N simulated machines on loopback.</source>
        <translation>Die Konsole mit N simulierten Maschinen über Loopback betreiben.</translation>
    </message>
    <message>
        <source>Workspace folder (default under the XDG data directory).</source>
        <translation>Arbeitsordner (Standard: im XDG-Datenverzeichnis).</translation>
    </message>
    <message>
        <source>Interface to serve on (overrides the workspace).</source>
        <translation>Schnittstelle, auf der gearbeitet wird (überschreibt den Arbeitsordner).</translation>
    </message>
    <message>
        <source>proxy: next to an existing DHCP server; dhcp: full DHCP on an isolated network.</source>
        <translation>proxy: neben einem vorhandenen DHCP-Server; dhcp: volles DHCP in einem isolierten Netz.</translation>
    </message>
    <message>
        <source>Also serve the files of DIR over TFTP, read-only.</source>
        <translation>Zusätzlich die Dateien von DIR über TFTP ausliefern, nur lesend.</translation>
    </message>
    <message>
        <source>Also serve the files of DIR over HTTP, read-only, under /files/.</source>
        <translation>Zusätzlich die Dateien von DIR über HTTP ausliefern, nur lesend, unter /files/.</translation>
    </message>
    <message>
        <source>With --demo: some simulated machines stall, hang in iPXE or get a broken config.</source>
        <translation>Mit --demo: einige simulierte Maschinen hängen, bleiben in iPXE stecken oder erhalten eine defekte Konfiguration.</translation>
    </message>
    <message>
        <source>DHCP port (default %1).</source>
        <translation>DHCP-Port (Standard %1).</translation>
    </message>
    <message>
        <source>PXE proxy port (default %1).</source>
        <translation>PXE-Proxy-Port (Standard %1).</translation>
    </message>
    <message>
        <source>TFTP port (default %1).</source>
        <translation>TFTP-Port (Standard %1).</translation>
    </message>
    <message>
        <source>HTTP port (default %1).</source>
        <translation>HTTP-Port (Standard %1).</translation>
    </message>
    <message>
        <source>Log receiver port, TCP and UDP (default %1).</source>
        <translation>Port des Log-Empfängers, TCP und UDP (Standard %1).</translation>
    </message>
    <message>
        <source>print the network doctor&apos;s report for --interface and exit (text; JSON lines with --headless)</source>
        <translation>den Bericht der Netzwerkdiagnose für --interface ausgeben und beenden (Text; JSON-Zeilen mit --headless)</translation>
    </message>
    <message>
        <source>write OUT/inventory.csv and OUT/report.pdf from the workspace and exit</source>
        <translation>OUT/inventory.csv und OUT/report.pdf aus dem Arbeitsordner schreiben und beenden</translation>
    </message>
    <message>
        <source>write the workspace as a setup for those tools and exit</source>
        <translation>den Arbeitsordner als Einrichtung für diese Werkzeuge schreiben und beenden</translation>
    </message>
</context>
<context>
    <name>runWindow</name>
    <message>
        <source>Netboot Console</source>
        <translation>Netboot Console</translation>
    </message>
    <message>
        <source>The demo cannot start: %1</source>
        <translation>Die Demo kann nicht starten: %1</translation>
    </message>
    <message numerus="yes">
        <source>demo: %n simulated machines on this computer</source>
        <translation>
            <numerusform>Demo: %n simulierte Maschine auf diesem Computer</numerusform>
            <numerusform>Demo: %n simulierte Maschinen auf diesem Computer</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready. Power on a machine set to network boot: it appears in the table.</source>
        <translation>Bereit. Schalten Sie eine Maschine ein, die übers Netz bootet: sie erscheint in der Tabelle.</translation>
    </message>
</context>
</TS>
