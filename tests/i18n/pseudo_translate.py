#!/usr/bin/env python3
"""Fills every message of a Qt .ts file with a pseudo-translation that changes every
sentence (upper case between markers) while keeping %1, %n and %L1 placeholders, so a
test can prove that no decision depends on a sentence's words."""
import re
import sys
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r'(%L?\d+|%n)')


def pseudo(text):
    parts = PLACEHOLDER.split(text)
    return '\u27e6' + ''.join(p if PLACEHOLDER.fullmatch(p) else p.upper() for p in parts) + '\u27e7'


def main(source, target):
    tree = ET.parse(source)
    root = tree.getroot()
    root.set('language', 'en')
    count = 0
    for message in root.iter('message'):
        text = message.findtext('source') or ''
        translation = message.find('translation')
        if translation is None:
            translation = ET.SubElement(message, 'translation')
        translation.attrib.pop('type', None)
        for child in list(translation):
            translation.remove(child)
        if message.get('numerus') == 'yes':
            translation.text = None
            for _ in range(2):   # English: singular and plural
                ET.SubElement(translation, 'numerusform').text = pseudo(text)
        else:
            translation.text = pseudo(text)
        count += 1
    if count == 0:
        sys.exit('pseudo_translate: no messages in ' + source)
    tree.write(target, encoding='utf-8', xml_declaration=True)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
