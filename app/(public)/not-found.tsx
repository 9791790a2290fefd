import { NotFoundMessage } from "@/components/archive/not-found-message";

export default function NotFound() {
  return <NotFoundMessage />;
}
