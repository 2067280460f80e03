// The account's profile: name, phone and the default shipping address (PATCH /users/me).
import { type FormEvent, useState } from 'react';
import { fieldErrors, unwrap } from '../../api/problem';
import type { Address } from '../../api/types';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useAction } from '../../ui/useAction';
import { AddressFields, addressOf, EMPTY_ADDRESS } from '../AddressFields';

export function ProfileForm() {
  const { api, user, reloadUser } = useSession();
  const [name, setName] = useState(user?.name ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [address, setAddress] = useState<Address>(user?.address ?? EMPTY_ADDRESS);
  const [saved, setSaved] = useState(false);
  const { busy, problem, run } = useAction();
  const errors = fieldErrors(problem);
  const hasAddress = Object.values(address).some((v) => v?.trim());

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = { name, phone: phone.trim() || null, address: hasAddress ? addressOf(address) : null };
    const done = await run(async () => {
      await unwrap(api.users.PATCH('/v1/users/me', { body }));
      await reloadUser();
      return true;
    });
    setSaved(done === true);
  };

  return (
    <form className="card form" style={{ maxWidth: 640 }} onSubmit={save} noValidate aria-label="Profile">
      <TextField
        label="Name"
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <TextField
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        hint="For text-message updates, in international form like +15551234567"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={errors.phone}
      />
      <fieldset>
        <legend>Default shipping address</legend>
        <AddressFields value={address} onChange={setAddress} errors={errors} prefix="address" />
      </fieldset>
      <ProblemMessage problem={problem} shownFields={['name', 'phone', 'address']} />
      {saved ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
      <div>
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save profile
        </Button>
      </div>
    </form>
  );
}
