// The form's structure on screen, in the paper's order: sections, person groups, repeating rows, conditional parts.
import { useEffect, useRef, type ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch, type Control } from 'react-hook-form';
import { conditionHolds } from '../../../electron/common/forms/form-data';
import type { SectionDef } from '../../../electron/common/forms/form-definition';
import type { Condition, FormNode, GroupDef, RepeatDef } from '../../../electron/common/forms/form-schema';
import { useT } from '../../i18n/i18n-context';
import { BirthCertificateFill } from './BirthCertificateFill';
import { useFormEditor, type FormValues } from './form-context';
import { dataPathOf, fieldId, rhfName, takesDocument } from './form-model';
import { idCardPrefill, rowIdCardPrefill } from './form-prefill';
import { FormFieldView } from './FormFieldView';
import { PersonTools } from './PersonTools';

type RepeatValues = Record<string, Record<string, unknown>[]>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** Renders its children only while the schema's condition on another field holds ("Số lượng bản sao" when "Có"). */
function ShowWhen({ when, children }: { when: Condition | undefined; children: ReactNode }) {
  const value: unknown = useWatch<FormValues>({ name: rhfName(when?.path ?? '__none') });
  if (!when) return <>{children}</>;
  const data: Record<string, unknown> = {};
  // conditionHolds reads by path: one value placed at its path is enough
  let cur = data;
  const segs = when.path.split('.');
  segs.forEach((seg, i) => {
    if (i === segs.length - 1) cur[seg] = value;
    else {
      const inner: Record<string, unknown> = {};
      cur[seg] = inner;
      cur = inner;
    }
  });
  return conditionHolds(data, when) ? <>{children}</> : null;
}

function NodeView({ node, prefix, inRow = false }: { node: FormNode; prefix: string; inRow?: boolean }) {
  const path = join(prefix, node.key);
  if (node.kind === 'group') {
    return (
      <ShowWhen when={node.showWhen}>
        <GroupView group={node} path={path} />
      </ShowWhen>
    );
  }
  if (node.kind === 'repeat') return <RepeatView repeat={node} path={path} />;
  return (
    <ShowWhen when={node.showWhen}>
      <FormFieldView field={node} path={path} inRow={inRow} />
    </ShowWhen>
  );
}

function Nodes({ nodes, prefix, inRow = false }: { nodes: readonly FormNode[]; prefix: string; inRow?: boolean }) {
  return (
    <div className="form-grid">
      {nodes.map((n) => (
        <NodeView key={n.key} node={n} prefix={prefix} inRow={inRow} />
      ))}
    </div>
  );
}

/** A group: a person (with their card / applicant tools) or a plain block; `title` when it stands for its section. */
function GroupView({ group, path, title, intro }: { group: GroupDef; path: string; title?: string; intro?: string }) {
  const ctx = useFormEditor();
  const person = group.person ? ctx.def.persons.find((p) => p.key === group.person) : undefined;
  const heading = title ?? group.label;
  const body = (
    <>
      {intro ? <p className="form-intro">{intro}</p> : null}
      {person ? (
        <PersonTools
          prefix={path}
          who={lowerFirst(person.label)}
          personKey={person.key}
          canReadCard={person.idCard}
          mayBeApplicant={person.mayBeApplicant || person.idCard}
          fromCard={(reading) => idCardPrefill(ctx.def, person.key, reading)}
        />
      ) : null}
      {person?.role === 'child' && takesDocument(ctx.def, 'giay-chung-sinh') ? <BirthCertificateFill /> : null}
      <Nodes nodes={group.fields} prefix={path} />
    </>
  );
  if (!heading) return <div className="form-group">{body}</div>;
  return (
    <fieldset className="form-group form-group--titled">
      <legend className="form-group__legend">{`${group.number ? `${group.number}. ` : ''}${heading}`}</legend>
      {body}
    </fieldset>
  );
}

/** Repeating rows (household members): add and remove by keyboard, each row a numbered group. */
function RepeatView({ repeat, path }: { repeat: RepeatDef; path: string }) {
  const t = useT();
  const ctx = useFormEditor();
  const { control, getFieldState, formState } = useFormContext<FormValues>();
  // the form's values are typed loosely (their shape is the schema's): rows are objects under their repeat's name
  const rows = useFieldArray({ control: control as unknown as Control<RepeatValues>, name: rhfName(path) });
  const focusRow = useRef<number | null>(null);
  // a row just added takes the focus on its first field (once it is on screen)
  useEffect(() => {
    if (focusRow.current === null) return;
    const first = repeat.fields[0];
    const input = first ? document.getElementById(fieldId(`${path}[${String(focusRow.current)}].${first.key}`)) : null;
    if (!input) return;
    input.focus();
    focusRow.current = null;
  });
  const rootError = (getFieldState(rhfName(path), formState).error as { root?: { message?: string }; message?: string } | undefined);
  const message = rootError?.root?.message ?? rootError?.message ?? ctx.extraProblems[path];
  return (
    <fieldset className="form-group form-group--titled form-repeat">
      <legend className="form-group__legend">{`${repeat.number ? `${repeat.number}. ` : ''}${repeat.label}`}</legend>
      {rows.fields.length === 0 ? <p className="muted small">{t('form.repeat.empty', { item: repeat.itemLabel })}</p> : null}
      {rows.fields.map((row, i) => {
        const rowPath = dataPathOf(`${rhfName(path)}.${String(i)}`);
        const who = `${repeat.itemLabel} ${String(i + 1)}`;
        return (
          <fieldset key={row.id} className="form-repeat__row">
            <legend className="form-repeat__legend">{who.charAt(0).toUpperCase() + who.slice(1)}</legend>
            {repeat.person ? (
              <PersonTools prefix={rowPath} who={who} canReadCard mayBeApplicant={false} fromCard={(reading) => rowIdCardPrefill(repeat, rowPath, reading)} />
            ) : null}
            <Nodes nodes={repeat.fields} prefix={rowPath} inRow />
            {ctx.readOnly ? null : (
              <button
                type="button"
                className="btn btn--danger-ghost btn--small form-repeat__remove"
                onClick={() => {
                  rows.remove(i);
                  ctx.rowRemoved(path, i);
                }}
              >
                {t('form.repeat.remove', { item: who })}
              </button>
            )}
          </fieldset>
        );
      })}
      {message ? <p className="field__error">{message}</p> : null}
      {ctx.readOnly || rows.fields.length >= repeat.max ? null : (
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => {
            focusRow.current = rows.fields.length;
            rows.append({});
          }}
        >
          {t('form.repeat.add', { item: repeat.itemLabel })}
        </button>
      )}
    </fieldset>
  );
}

/** One section of the paper form, numbered and titled as printed; a section that is one person is that person. */
export function SectionView({ section }: { section: SectionDef }) {
  const only = section.nodes.length === 1 ? section.nodes[0] : undefined;
  const title = `${section.number ? `${section.number}. ` : ''}${section.title}`;
  if (only?.kind === 'group' && (only.label === undefined || only.label === section.title)) {
    return (
      <ShowWhen when={only.showWhen}>
        <GroupView group={only} path={only.key} title={title} {...(section.intro ? { intro: section.intro } : {})} />
      </ShowWhen>
    );
  }
  // a section that is a single field titled as the field ("Kính gửi") needs no heading of its own
  if (only?.kind === 'field' && only.label === section.title) {
    return (
      <div className="form-group">
        <Nodes nodes={section.nodes} prefix="" />
      </div>
    );
  }
  if (only?.kind === 'repeat') return <RepeatView repeat={only} path={only.key} />;
  return (
    <fieldset className="form-group form-group--titled">
      <legend className="form-group__legend">{title}</legend>
      {section.intro ? <p className="form-intro">{section.intro}</p> : null}
      <Nodes nodes={section.nodes} prefix="" />
    </fieldset>
  );
}
