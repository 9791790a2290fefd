// A list page's one-select filter beside its heading (a GET form: the choice is in the URL).
import { Button } from "./button";

type Props = {
  action: string;
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  options: { value: string; label: string }[];
  submit: string;
};

export function FilterForm({ action, id, name, label, defaultValue, options, submit }: Props) {
  return (
    <form action={action} className="ml-auto flex items-center gap-2 text-sm">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} className="rounded border border-stone-300 bg-white px-2 py-1">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Button type="submit">{submit}</Button>
    </form>
  );
}
