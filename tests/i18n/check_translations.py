#!/usr/bin/env python3
"""Checks a Qt .ts translation as shipped: every entry finished, nothing obsolete or
vanished, no empty translation, both German plural forms, the same placeholders (%1, %n,
%L1), rich-text tags and accelerator (&) as the source; and, with --lupdate, that the file
holds exactly the strings the sources have now, so a new untranslated string fails here.

    check_translations.py --ts FILE [--lupdate LUPDATE --sources DIR...]

Exit status 0 when all holds; otherwise one line per problem and status 1.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r'%L?\d+|%n')
# An accelerator is '&' before a character, but neither '&&' (a literal ampersand) nor an
# HTML entity such as '&nbsp;' in rich text.
ENTITY = re.compile(r'&[A-Za-z]+;|&#\d+;')
TAG = re.compile(r'</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>')
# German has two forms (one, other); a language with more would list them here.
PLURAL_FORMS = {'de': 2}


def accelerators(text):
    stripped = ENTITY.sub('', text).replace('&&', '')
    return len(re.findall(r'&\S', stripped))


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)))


def tags(text):
    if '<' not in text:
        return []
    return sorted(('/' if m.group(0).startswith('</') else '') + m.group(1).lower() for m in TAG.finditer(text))


def messages(path):
    """(context, source, comment, numerus, translation element) of every message."""
    root = ET.parse(path).getroot()
    for context in root.iter('context'):
        name = context.findtext('name') or ''
        for message in context.iter('message'):
            yield (name, message.findtext('source') or '', message.findtext('comment'),
                   message.get('numerus') == 'yes', message.find('translation'))


def check_entries(path):
    root = ET.parse(path).getroot()
    language = (root.get('language') or '').split('_')[0]
    forms_wanted = PLURAL_FORMS.get(language, 2)
    problems = []
    for context, source, comment, numerus, translation in messages(path):
        where = '%s: "%s"%s' % (context, source, ' (%s)' % comment if comment else '')
        if translation is None:
            problems.append('%s: no translation element' % where)
            continue
        kind = translation.get('type')
        if kind in ('unfinished', 'obsolete', 'vanished'):
            problems.append('%s: %s' % (where, kind))
            continue
        if numerus:
            texts = [form.text or '' for form in translation.findall('numerusform')]
            if len(texts) != forms_wanted or any(not t.strip() for t in texts):
                problems.append('%s: needs %d plural forms, has %d filled'
                                % (where, forms_wanted, sum(1 for t in texts if t.strip())))
                continue
        else:
            texts = [translation.text or '']
            if not texts[0].strip() and source.strip():
                problems.append('%s: empty translation' % where)
                continue
        for text in texts:
            if placeholders(text) != placeholders(source):
                problems.append('%s: placeholders %s in "%s", the source has %s'
                                % (where, placeholders(text), text, placeholders(source)))
            if accelerators(source) != accelerators(text):
                problems.append('%s: %d accelerator(s) in "%s", the source has %d'
                                % (where, accelerators(text), text, accelerators(source)))
            if tags(text) != tags(source):
                problems.append('%s: tags %s in "%s", the source has %s' % (where, tags(text), text, tags(source)))
    return problems


def check_up_to_date(path, lupdate, sources):
    """The .ts must hold the strings lupdate finds in the sources now, no more, no fewer."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, 'fresh.ts')
        result = subprocess.run([lupdate, '-silent', '-locations', 'none', '-no-obsolete'] + sources + ['-ts', fresh],
                                capture_output=True, text=True)
        if result.returncode != 0 or not os.path.exists(fresh):
            return ['lupdate failed: %s' % (result.stderr or result.stdout).strip()]
        key = lambda m: (m[0], m[1], m[2] or '', m[3])
        want = {key(m) for m in messages(fresh)}
        have = {key(m) for m in messages(path)}
    problems = ['not in the .ts (run the update_translations target and translate it): %s: "%s"%s'
                % (c, s, ' (%s)' % d if d else '') for c, s, d, _ in sorted(want - have)]
    problems += ['in the .ts but no longer in the sources (run lupdate with -no-obsolete): %s: "%s"%s'
                 % (c, s, ' (%s)' % d if d else '') for c, s, d, _ in sorted(have - want)]
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--ts', required=True)
    parser.add_argument('--lupdate')
    parser.add_argument('--sources', nargs='*', default=[])
    args = parser.parse_args()
    problems = check_entries(args.ts)
    if args.lupdate:
        problems += check_up_to_date(args.ts, args.lupdate, args.sources)
    for problem in problems:
        print(problem)
    count = sum(1 for _ in messages(args.ts))
    print('%s: %d messages, %d problem(s)' % (os.path.basename(args.ts), count, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
